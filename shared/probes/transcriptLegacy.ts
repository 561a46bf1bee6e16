// Transcript versions 1 and 2, as they were written: kept so old files are read, never rejected,
// and migrated to the current version (transcript.ts). The shapes the versions share live here
// too, and the current schema extends them.
import { z } from 'zod';

export const isoTime = z.iso.datetime();

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

export const turnV1Shape = {
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

export const turnV2Shape = {
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
};

export const scenarioSnapshotV2Shape = {
  id: z.string(),
  title: z.string(),
  preamble: z.string(),
  prompt: z.string(),
  followUps: z.array(z.string()),
};

export const OUTCOMES = ['completed', 'failed', 'stopped', 'cancelled'] as const;

export const totalsShape = {
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  estimated: z.boolean(),
  durationMs: z.number().nonnegative(),
  retries: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
};

export const runShape = {
  id: z.string(),
  startedAt: isoTime,
  endedAt: isoTime,
  durationMs: z.number().nonnegative(),
  samsaraVersion: z.string(),
};

export const commonShape = {
  provider: z.string(),
  /** As requested, provider:model. */
  modelRequested: z.string(),
  /** The most specific version the provider reported on the last answered turn. */
  modelVersion: z.string().optional(),
  selection: z.string(),
  errors: z.array(turnErrorSchema.extend({ turn: z.number().int().nonnegative() })),
};

/** The estimate shown before sending (input tokens, and cost when the model is priced). */
export const estimateSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  /** tokenizer: a real OpenAI tokenizer (o200k_base/cl100k_base); chars: about 4 characters a token. */
  method: z.enum(['o200k_base', 'cl100k_base', 'chars']),
  costUsd: z.number().nonnegative().optional(),
});

/** Version 2 (finish reasons, cost, cancellation, streaming; a token limit always recorded). */
export const transcriptV2Schema = z.object({
  schemaVersion: z.literal(2),
  run: z.object({ ...runShape, outcome: z.enum(OUTCOMES), endedBecause: z.string().optional() }),
  scenario: z.object(scenarioSnapshotV2Shape),
  ...commonShape,
  parameters: z.object({ stream: z.boolean(), maxTokens: z.number().int().positive(), baseUrl: z.string().optional() }).optional(),
  estimate: estimateSchema.optional(),
  turns: z.array(z.object(turnV2Shape)),
  totals: z.object({ ...totalsShape, costUsd: z.number().nonnegative().optional() }),
});

/** Version 1 (before finish reasons, cost, cancellation and streaming). */
export const transcriptV1Schema = z.object({
  schemaVersion: z.literal(1),
  run: z.object({ ...runShape, outcome: z.enum(['completed', 'failed']) }),
  scenario: z.object(scenarioSnapshotV2Shape),
  ...commonShape,
  turns: z.array(z.object(turnV1Shape)),
  totals: z.object(totalsShape),
});

export type TranscriptV1 = z.infer<typeof transcriptV1Schema>;
export type TranscriptV2 = z.infer<typeof transcriptV2Schema>;

/** A v1 transcript as v2: every v1 field keeps its meaning; the new ones are absent. */
export function migrateV1(v1: TranscriptV1): TranscriptV2 {
  return { ...v1, schemaVersion: 2 };
}
