// The probe engine's LSP messages beyond `samsara.probe` itself (shared/lsp.ts re-exports them):
// the live stream of a running probe, the estimate before sending, model lists, the transcript
// folder, and the doctor's report. Each payload the client receives has a zod schema it checks.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import { z } from 'zod';
import { namedEntitySchema } from './fidelity';
import { scenarioSchema } from './scenario';
import { estimateSchema, transcriptSchema } from './transcript';

// ---- samsara.probe's result ------------------------------------------------------------------

export const savedTranscriptSchema = z.object({ json: z.string(), markdown: z.string() });

/** What `samsara.probe` answers: the transcript and where the server saved it (or why it could not). */
export const probeResultSchema = z.object({
  transcript: transcriptSchema,
  saved: savedTranscriptSchema.optional(),
  saveProblem: z.string().optional(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

// ---- Live stream of a probe ------------------------------------------------------------------

export const probeStreamEventSchema = z.discriminatedUnion('kind', [
  /** A turn starts: its 0-based index, how many there are, and the prompt sent. */
  z.object({ kind: z.literal('turn'), turn: z.number().int().nonnegative(), total: z.number().int().positive(), prompt: z.string() }),
  /** A piece of the answer of `turn`. */
  z.object({ kind: z.literal('delta'), turn: z.number().int().nonnegative(), text: z.string() }),
  /** The attempt failed after some text and is retried: the turn's text so far is void. */
  z.object({ kind: z.literal('reset'), turn: z.number().int().nonnegative() }),
]);
export type ProbeStreamEvent = z.infer<typeof probeStreamEventSchema>;

export const probeStreamParamsSchema = z.object({ runId: z.string(), event: probeStreamEventSchema });
export type ProbeStreamParams = z.infer<typeof probeStreamParamsSchema>;

/** Server → client, `samsara/probeStream`, for a probe whose arguments carried a runId. */
export const ProbeStreamNotification = new NotificationType<ProbeStreamParams>('samsara/probeStream');

// ---- Estimate before sending -----------------------------------------------------------------

export const probeEstimateParamsSchema = z.object({
  text: z.string().min(1),
  models: z.array(z.string().min(1)).min(1),
  scenario: z.union([z.string().min(1), scenarioSchema]).optional(),
  /** As in samsara.probe: the whole document for {{document}}, the uri for {{file}}, the entity for {{entity}}. */
  document: z.string().optional(),
  uri: z.string().optional(),
  entity: namedEntitySchema.optional(),
});
export type ProbeEstimateParams = z.infer<typeof probeEstimateParamsSchema>;

export const probeEstimateResultSchema = z.object({
  estimates: z.array(z.object({ model: z.string(), estimate: estimateSchema.optional(), problem: z.string().optional() })),
  /** The total estimated cost of the priced models. */
  totalUsd: z.number().nonnegative(),
  /** samsara.probes.confirmAboveUsd: above it, the client asks before sending. */
  confirmAboveUsd: z.number().nonnegative(),
  /** samsara.probes.confirmAboveChars: a longer selection is sent only once the user confirms (absent: an older server). */
  confirmAboveChars: z.number().int().nonnegative().optional(),
});
export type ProbeEstimateResult = z.infer<typeof probeEstimateResultSchema>;

/** Client → server, `samsara/probeEstimate`: input tokens and cost of a probe, before sending it. */
export const ProbeEstimateRequest = new RequestType<ProbeEstimateParams, ProbeEstimateResult, void>('samsara/probeEstimate');

// ---- Model lists -----------------------------------------------------------------------------

export const modelListSchema = z.object({
  provider: z.string(),
  /** Model ids as the provider lists them (without the provider: prefix). */
  models: z.array(z.string()),
  /** Why the provider could not be asked (no key, unreachable…); the list is then empty. */
  problem: z.string().optional(),
  cached: z.boolean(),
});
export type ModelList = z.infer<typeof modelListSchema>;

/** Client → server, `samsara/models`: what a provider lists for this key (cached per provider and key). */
export const ModelsRequest = new RequestType<{ provider: string; apiKey?: string; refresh?: boolean }, ModelList, void>('samsara/models');

// ---- Transcripts on disk ---------------------------------------------------------------------

export const transcriptListSchema = z.object({
  folder: z.string(),
  items: z.array(z.object({ json: z.string(), markdown: z.string().optional(), name: z.string() })),
});
export type TranscriptList = z.infer<typeof transcriptListSchema>;

/** Client → server, `samsara/transcripts`: saved transcripts, newest first. */
export const TranscriptsRequest = new RequestType<{ resource?: string }, TranscriptList, void>('samsara/transcripts');

/** Client → server, `samsara/renderTranscript`: (re)writes a saved transcript's Markdown; answers its path. */
export const RenderTranscriptRequest = new RequestType<{ json: string }, { markdown: string; migratedFrom?: number }, void>(
  'samsara/renderTranscript',
);

/** Client → server, `samsara/saveComparison`: one side-by-side Markdown of saved transcripts; answers its path. */
export const SaveComparisonRequest = new RequestType<{ json: string[] }, { markdown: string }, void>('samsara/saveComparison');

// ---- Doctor ----------------------------------------------------------------------------------

export const doctorParamsSchema = z.object({
  /** The keys the editor holds, by provider (checked against each provider's models endpoint). */
  apiKeys: z.record(z.string(), z.string()).default({}),
  /** Workspace trust as the editor sees it. */
  trusted: z.boolean().optional(),
});
export type DoctorParams = z.input<typeof doctorParamsSchema>;

export const doctorResultSchema = z.object({
  markdown: z.string(),
  /** False when a check failed that stops Samsara working (the sidecar cannot start). */
  ok: z.boolean(),
  /** Providers that need a key and have none (the editor offers "Set API Key…" for each). */
  missingKeys: z.array(z.string()),
});
export type DoctorResult = z.infer<typeof doctorResultSchema>;

/** Client → server, `samsara/doctor`: the environment report (same builder as `samsara doctor`). */
export const DoctorRequest = new RequestType<DoctorParams, DoctorResult, void>('samsara/doctor');
