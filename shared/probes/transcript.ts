// The transcript of one probe run: what was asked, what each model answered, and the facts a
// reader needs to trust or reproduce it (tokens, cost, exact model version, request ids, finish
// reasons, timing, retries, errors, parameters), the entity fidelity of each reply and, when
// names were pseudonymised, what was really sent and the mapping back. Written as JSON by the
// probe engine; the schema is versioned and older files are migrated on read (readTranscript),
// never rejected. Versions 1 and 2 live in transcriptLegacy.ts.
import { z } from 'zod';
import { entityFidelitySchema, namedEntitySchema } from './fidelity';
import {
  commonShape,
  estimateSchema,
  migrateV1,
  OUTCOMES,
  runShape,
  scenarioSnapshotV2Shape,
  totalsShape,
  transcriptV1Schema,
  transcriptV2Schema,
  turnV2Shape,
  type TranscriptV2,
} from './transcriptLegacy';

export {
  estimateSchema,
  FINISH_KINDS,
  OUTCOMES,
  tokensSchema,
  transcriptV1Schema,
  transcriptV2Schema,
  turnErrorSchema,
  type FinishKind,
  type TranscriptV1,
  type TranscriptV2,
} from './transcriptLegacy';

export const TRANSCRIPT_SCHEMA_VERSION = 3;

export const turnSchema = z.object({
  ...turnV2Shape,
  /** The follow-up's label, when the scenario gave one. */
  label: z.string().optional(),
  /** What was really sent, when pseudonymisation changed the prompt (`prompt` is what the user wrote). */
  sentPrompt: z.string().optional(),
  /** The answer as received, placeholders in it, when names were restored into `response`. */
  rawResponse: z.string().optional(),
  /** Entity fidelity of the answer (a heuristic: see shared/probes/fidelity.ts). */
  entities: entityFidelitySchema.optional(),
});

export const scenarioSnapshotSchema = z.object({
  ...scenarioSnapshotV2Shape,
  // Read as written, not validated as templates again: a transcript is a record, not an input.
  followUps: z.array(z.union([z.string(), z.object({ label: z.string(), prompt: z.string() })])),
  temperature: z.number().optional(),
  maxTokens: z.number().int().positive().optional(),
  maxTurns: z.number().int().positive().optional(),
});

/** What was asked of the provider besides the conversation. */
export const parametersSchema = z.object({
  stream: z.boolean(),
  /** The answer's token limit, when one was sent. */
  maxTokens: z.number().int().positive().optional(),
  temperature: z.number().optional(),
  maxTurns: z.number().int().positive().optional(),
  /** The parameters exactly as the provider's API received them: { max_completion_tokens: 300 }. */
  request: z.record(z.string(), z.number()).optional(),
  /** The base URL used, without any user or password. */
  baseUrl: z.string().optional(),
});

/** Lines of the source document a passage spans, counted from 1, both included. */
export const lineRangeSchema = z
  .object({ start: z.number().int().positive(), end: z.number().int().positive() })
  .refine((r) => r.end >= r.start, 'end comes before start');
export type LineRange = z.infer<typeof lineRangeSchema>;

export const placeholderSchema = z.object({ placeholder: z.string(), text: z.string(), label: z.string() });

/** Present when names were replaced by placeholders before sending. */
export const pseudonymizationSchema = z.object({
  /** The labels whose entities were replaced. */
  labels: z.array(z.string()),
  /** Each placeholder sent and the name it stands for (restored in what the user sees). */
  mapping: z.array(placeholderSchema),
  /** The system prompt as sent, when it differed. */
  sentPreamble: z.string().optional(),
});

export const transcriptSchema = z.object({
  schemaVersion: z.literal(TRANSCRIPT_SCHEMA_VERSION),
  run: z.object({
    ...runShape,
    /** stopped: the model ended the conversation early (blocked, filtered, refused, empty answer). */
    outcome: z.enum(OUTCOMES),
    /** Why a stopped or cancelled run ended, in words. */
    endedBecause: z.string().optional(),
    /** Shared by the transcripts of one comparison (Compare Models), which can be reopened together. */
    group: z.string().optional(),
  }),
  scenario: scenarioSnapshotSchema,
  ...commonShape,
  /** The document the selection came from, relative to the workspace. */
  file: z.string().optional(),
  /** The lines of that document the selection spans. */
  lines: lineRangeSchema.optional(),
  /** The entity a "Probe this entity" run was about. */
  entity: namedEntitySchema.optional(),
  parameters: parametersSchema.optional(),
  estimate: estimateSchema.optional(),
  pseudonymization: pseudonymizationSchema.optional(),
  /** Why the entity fidelity of the replies could not be worked out (the sidecar was not available). */
  entitiesProblem: z.string().optional(),
  turns: z.array(turnSchema),
  totals: z.object({ ...totalsShape, costUsd: z.number().nonnegative().optional() }),
});

export type Tokens = z.infer<typeof turnSchema>['tokens'];
export type TurnError = NonNullable<z.infer<typeof turnSchema>['error']>;
export type Turn = z.infer<typeof turnSchema>;
export type Transcript = z.infer<typeof transcriptSchema>;
export type Outcome = (typeof OUTCOMES)[number];
export type ProbeParameters = z.infer<typeof parametersSchema>;
export type ProbeEstimate = z.infer<typeof estimateSchema>;
export type Pseudonymization = z.infer<typeof pseudonymizationSchema>;
export type Placeholder = z.infer<typeof placeholderSchema>;

/** A v2 transcript as v3: every v2 field keeps its meaning (a v2 token limit was always recorded). */
export function migrateV2(v2: TranscriptV2): Transcript {
  return { ...v2, schemaVersion: TRANSCRIPT_SCHEMA_VERSION };
}

export type TranscriptRead = { ok: true; transcript: Transcript; migratedFrom?: number } | { ok: false; problem: string };

/** Parses a transcript file's JSON of any known version; the problem names the field. */
export function readTranscript(raw: unknown): TranscriptRead {
  const version = raw !== null && typeof raw === 'object' ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 1) {
    const v1 = transcriptV1Schema.safeParse(raw);
    return v1.success
      ? { ok: true, transcript: migrateV2(migrateV1(v1.data)), migratedFrom: 1 }
      : { ok: false, problem: describeIssue(v1.error) };
  }
  if (version === 2) {
    const v2 = transcriptV2Schema.safeParse(raw);
    return v2.success ? { ok: true, transcript: migrateV2(v2.data), migratedFrom: 2 } : { ok: false, problem: describeIssue(v2.error) };
  }
  if (typeof version === 'number' && version > TRANSCRIPT_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: `schemaVersion ${version} is newer than this Samsara reads (${TRANSCRIPT_SCHEMA_VERSION}); update Samsara`,
    };
  }
  const current = transcriptSchema.safeParse(raw);
  return current.success ? { ok: true, transcript: current.data } : { ok: false, problem: describeIssue(current.error) };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}
