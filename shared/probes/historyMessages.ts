// The probe history's LSP messages (shared/lsp.ts re-exports them): the saved transcripts with
// the facts a tree groups them by, saved transcripts read back whole (the compare view), deleting
// one, and the argument of "Probe this entity". The server owns the transcript folder; the client
// shows and asks.
import { RequestType } from 'vscode-jsonrpc';
import { z } from 'zod';
import { namedEntitySchema } from './fidelity';
import { OUTCOMES } from './transcriptLegacy';
import { lineRangeSchema, transcriptSchema } from './transcript';

export const historyEntrySchema = z.object({
  json: z.string(),
  markdown: z.string().optional(),
  /** The file name without .json. */
  name: z.string(),
  startedAt: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  model: z.string(),
  outcome: z.enum(OUTCOMES),
  /** The comparison it belongs to, if any. */
  group: z.string().optional(),
  pseudonymized: z.boolean(),
  /** The first words of the passage probed. */
  excerpt: z.string().optional(),
  /** The source document (workspace-relative) and the lines of the passage. */
  file: z.string().optional(),
  lines: lineRangeSchema.optional(),
  /** Why a failed or stopped run ended, in words. */
  reason: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const transcriptHistorySchema = z.object({
  folder: z.string(),
  /** Newest first. */
  entries: z.array(historyEntrySchema),
  /** Files of the folder that are not readable transcripts: skipped, each with the reason. */
  problems: z.array(z.object({ file: z.string(), problem: z.string() })),
});
export type TranscriptHistory = z.infer<typeof transcriptHistorySchema>;

/** Client → server, `samsara/transcriptHistory`: every saved transcript, with malformed files reported. */
export const TranscriptHistoryRequest = new RequestType<{ resource?: string }, TranscriptHistory, void>('samsara/transcriptHistory');

export const readTranscriptsResultSchema = z.object({
  transcripts: z.array(z.object({ json: z.string(), transcript: transcriptSchema, migratedFrom: z.number().int().optional() })),
  problems: z.array(z.object({ file: z.string(), problem: z.string() })),
});
export type ReadTranscriptsResult = z.infer<typeof readTranscriptsResultSchema>;

export const readTranscriptsParamsSchema = z.object({
  json: z.array(z.string().min(1)).max(100).optional(),
  group: z.string().min(1).optional(),
  resource: z.string().optional(),
});
export const deleteTranscriptParamsSchema = z.object({ json: z.string().min(1), resource: z.string().optional() });

/** Client → server, `samsara/readTranscripts`: saved transcripts, whole and migrated (`group`: every one of a comparison). */
export const ReadTranscriptsRequest = new RequestType<{ json?: string[]; group?: string; resource?: string }, ReadTranscriptsResult, void>(
  'samsara/readTranscripts',
);

/** Client → server, `samsara/deleteTranscript`: removes a saved transcript and its Markdown; answers the files removed. */
export const DeleteTranscriptRequest = new RequestType<{ json: string; resource?: string }, { deleted: string[] }, void>(
  'samsara/deleteTranscript',
);

/** The argument of the client command `samsara.probeEntity` (hover link and code action). */
export const probeEntityArgsSchema = z.object({
  uri: z.string(),
  entity: namedEntitySchema,
  /** The sentence the entity is in: the text the probe is about ({{selection}}). */
  sentence: z.string().min(1),
  /** The lines of the entity's mention (recorded in the transcript). */
  lines: lineRangeSchema.optional(),
});
export type ProbeEntityArgs = z.infer<typeof probeEntityArgsSchema>;

export const PROBE_ENTITY_COMMAND = 'samsara.probeEntity';
