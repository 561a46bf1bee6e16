// The transcript of one probe run: what was asked, what each model answered, and the facts a
// reader needs to trust or reproduce it (tokens, cost, exact model version, request ids, finish
// reasons, timing, retries, errors, parameters). Written as JSON by the probe engine; the schema
// is versioned and older files are migrated on read (readTranscript), never rejected.
import { z } from 'zod';

export const TRANSCRIPT_SCHEMA_VERSION = 2;

const isoTime = z.iso.datetime();

/**
 * Why a turn's answer ended, normalised across providers; the provider's own word is kept in
 * `finishReason`. stop: the model finished; length: cut at the token limit (truncated);
 * filtered: a content filter removed or stopped it (content_filter, SAFETY, RECITATION…);
 * refused: the model declined; blocked: the prompt itself was rejected (Gemini promptFeedback);
 * cancelled: the user stopped it mid-stream; tool: it asked for a tool; other: anything else.
 */
export const FINISH_KINDS = ['stop', 'length', 'filtered', 'refused', 'blocked', 'cancelled', 'tool', 'other'] as const;
export type FinishKind = (typeof FINISH_KINDS)[number];

export const tokensSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  /** True when the provider reported no (usable) count and Samsara estimated it from the text. */
  estimated: z.boolean(),
  /** Why a reported count was not used (missing, negative, not an integer). */
  usageProblem: z.string().optional(),
});

export const turnErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
  retryable: z.boolean(),
});

const turnV1Shape = {
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
};

export const turnSchema = z.object({
  ...turnV1Shape,
  /** Normalised reason the answer ended (absent on a failed turn). */
  finish: z.enum(FINISH_KINDS).optional(),
  /** The provider's own finish/stop reason, e.g. end_turn, MAX_TOKENS, content_filter. */
  finishReason: z.string().optional(),
  /** Gemini's promptFeedback.blockReason (or an equivalent) when the prompt was blocked. */
  blockReason: z.string().optional(),
  /** Cost in US dollars from the reported usage and the price table; absent when unpriced. */
  costUsd: z.number().nonnegative().optional(),
  /** True when the answer arrived as a stream of server-sent events. */
  streamed: z.boolean().optional(),
});

export const scenarioSnapshotSchema = z.object({
  id: z.string(),
  title: z.string(),
  preamble: z.string(),
  prompt: z.string(),
  followUps: z.array(z.string()),
});

export const OUTCOMES = ['completed', 'failed', 'stopped', 'cancelled'] as const;

const totalsShape = {
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  estimated: z.boolean(),
  durationMs: z.number().nonnegative(),
  retries: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
};

const runShape = {
  id: z.string(),
  startedAt: isoTime,
  endedAt: isoTime,
  durationMs: z.number().nonnegative(),
  samsaraVersion: z.string(),
};

const commonShape = {
  scenario: scenarioSnapshotSchema,
  provider: z.string(),
  /** As requested, provider:model. */
  modelRequested: z.string(),
  /** The most specific version the provider reported on the last answered turn. */
  modelVersion: z.string().optional(),
  selection: z.string(),
  errors: z.array(turnErrorSchema.extend({ turn: z.number().int().nonnegative() })),
};

/** What was asked of the provider besides the conversation. */
export const parametersSchema = z.object({
  stream: z.boolean(),
  maxTokens: z.number().int().positive(),
  /** The base URL used, without any user or password. */
  baseUrl: z.string().optional(),
});

/** The estimate shown before sending (input tokens, and cost when the model is priced). */
export const estimateSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  /** tokenizer: a real OpenAI tokenizer (o200k_base/cl100k_base); chars: about 4 characters a token. */
  method: z.enum(['o200k_base', 'cl100k_base', 'chars']),
  costUsd: z.number().nonnegative().optional(),
});

export const transcriptSchema = z.object({
  schemaVersion: z.literal(TRANSCRIPT_SCHEMA_VERSION),
  run: z.object({
    ...runShape,
    /** stopped: the model ended the conversation early (blocked, filtered, refused, empty answer). */
    outcome: z.enum(OUTCOMES),
    /** Why a stopped or cancelled run ended, in words. */
    endedBecause: z.string().optional(),
  }),
  ...commonShape,
  parameters: parametersSchema.optional(),
  estimate: estimateSchema.optional(),
  turns: z.array(turnSchema),
  totals: z.object({ ...totalsShape, costUsd: z.number().nonnegative().optional() }),
});

/** Version 1 (before finish reasons, cost, cancellation and streaming): read, then migrated. */
export const transcriptV1Schema = z.object({
  schemaVersion: z.literal(1),
  run: z.object({ ...runShape, outcome: z.enum(['completed', 'failed']) }),
  ...commonShape,
  turns: z.array(z.object(turnV1Shape)),
  totals: z.object(totalsShape),
});

export type Tokens = z.infer<typeof tokensSchema>;
export type TurnError = z.infer<typeof turnErrorSchema>;
export type Turn = z.infer<typeof turnSchema>;
export type Transcript = z.infer<typeof transcriptSchema>;
export type TranscriptV1 = z.infer<typeof transcriptV1Schema>;
export type Outcome = (typeof OUTCOMES)[number];
export type ProbeParameters = z.infer<typeof parametersSchema>;
export type ProbeEstimate = z.infer<typeof estimateSchema>;

/** A v1 transcript as v2: every v1 field keeps its meaning; the new ones are absent. */
export function migrateV1(v1: TranscriptV1): Transcript {
  return { ...v1, schemaVersion: TRANSCRIPT_SCHEMA_VERSION };
}

export type TranscriptRead = { ok: true; transcript: Transcript; migratedFrom?: number } | { ok: false; problem: string };

/** Parses a transcript file's JSON of any known version; the problem names the field. */
export function readTranscript(raw: unknown): TranscriptRead {
  const version = raw !== null && typeof raw === 'object' ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 1) {
    const v1 = transcriptV1Schema.safeParse(raw);
    return v1.success ? { ok: true, transcript: migrateV1(v1.data), migratedFrom: 1 } : { ok: false, problem: describeIssue(v1.error) };
  }
  if (typeof version === 'number' && version > TRANSCRIPT_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: `schemaVersion ${version} is newer than this Samsara reads (${TRANSCRIPT_SCHEMA_VERSION}); update Samsara`,
    };
  }
  const v2 = transcriptSchema.safeParse(raw);
  return v2.success ? { ok: true, transcript: v2.data } : { ok: false, problem: describeIssue(v2.error) };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}
