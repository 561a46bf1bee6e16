// The transcript of one probe run: what was asked, what each model answered, and the facts a
// reader needs to trust or reproduce it (tokens, exact model version, request ids, timing,
// retries, errors). Saved as JSON by the client; the schema is versioned.
import { z } from 'zod';

export const TRANSCRIPT_SCHEMA_VERSION = 1;

const isoTime = z.iso.datetime();

export const tokensSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  /** True when the provider reported no count and Samsara estimated it from the text. */
  estimated: z.boolean(),
});

export const turnErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
  retryable: z.boolean(),
});

export const turnSchema = z.object({
  index: z.number().int().nonnegative(),
  role: z.enum(['prompt', 'followUp']),
  prompt: z.string(),
  response: z.string(),
  tokens: tokensSchema,
  modelVersion: z.string().optional(),
  systemFingerprint: z.string().optional(),
  requestId: z.string().optional(),
  startedAt: isoTime,
  endedAt: isoTime,
  durationMs: z.number().nonnegative(),
  retries: z.number().int().nonnegative(),
  error: turnErrorSchema.optional(),
});

export const scenarioSnapshotSchema = z.object({
  id: z.string(),
  title: z.string(),
  preamble: z.string(),
  prompt: z.string(),
  followUps: z.array(z.string()),
});

export const transcriptSchema = z.object({
  schemaVersion: z.literal(TRANSCRIPT_SCHEMA_VERSION),
  run: z.object({
    id: z.string(),
    startedAt: isoTime,
    endedAt: isoTime,
    durationMs: z.number().nonnegative(),
    samsaraVersion: z.string(),
    outcome: z.enum(['completed', 'failed']),
  }),
  scenario: scenarioSnapshotSchema,
  provider: z.string(),
  /** As requested, provider:model. */
  modelRequested: z.string(),
  /** The most specific version the provider reported on the last answered turn. */
  modelVersion: z.string().optional(),
  selection: z.string(),
  turns: z.array(turnSchema),
  totals: z.object({
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    estimated: z.boolean(),
    durationMs: z.number().nonnegative(),
    retries: z.number().int().nonnegative(),
    turns: z.number().int().nonnegative(),
  }),
  errors: z.array(turnErrorSchema.extend({ turn: z.number().int().nonnegative() })),
});

export type Tokens = z.infer<typeof tokensSchema>;
export type TurnError = z.infer<typeof turnErrorSchema>;
export type Turn = z.infer<typeof turnSchema>;
export type Transcript = z.infer<typeof transcriptSchema>;
