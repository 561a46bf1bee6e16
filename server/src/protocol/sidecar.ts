// Wire format of the spaCy sidecar: newline-delimited JSON on stdin/stdout.
// Declared once here; the Python side (python-src/samsara_sidecar/protocol.py) mirrors it,
// and python-src/PROTOCOL.md documents it. Every line from the sidecar is parsed with these
// schemas: a line that does not match is reported, never trusted.
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

export const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });

/** Status lines the sidecar prints on its own (no request id). */
export const LoadingStatusSchema = z.object({ status: z.literal('loading_model') });
export const ModelLoadedStatusSchema = z.object({
  status: z.literal('model_loaded'),
  protocol: z.number().int(),
  model: z.string(),
  model_version: z.string(),
  /** The spaCy the program carries (pipelines are checked against it); absent from programs of older versions. */
  spacy_version: z.string().optional(),
  pid: z.number().int(),
  /** spaCy's explanation of each NER label the pipeline can emit (`spacy.explain`). */
  labels: z.record(z.string(), z.string()).optional(),
});
export const ErrorStatusSchema = z.object({ status: z.literal('error'), error: ErrorInfoSchema });
export const StatusLineSchema = z.discriminatedUnion('status', [LoadingStatusSchema, ModelLoadedStatusSchema, ErrorStatusSchema]);
export type ModelLoaded = z.infer<typeof ModelLoadedStatusSchema>;

/** Requests. `id` is chosen by the caller and echoed in the response. */
export const HealthCheckRequestSchema = z.object({ id: z.string(), action: z.literal('health_check') });
export const AnalyzeRequestSchema = z.object({ id: z.string(), action: z.literal('analyze'), texts: z.array(z.string()) });
export const ShutdownRequestSchema = z.object({ id: z.string(), action: z.literal('shutdown') });

/**
 * Entity rules: what the user says about entities beyond the model. A known entry is exact text
 * (matched token by token, optionally case-insensitively) or a spaCy token pattern; either is
 * always `label`. Ignored texts (case-insensitive, whitespace-normalised) and labels are dropped.
 */
const NonBlankSchema = z.string().regex(/\S/, 'must hold a non-space character');
export const EntityRuleKnownTextSchema = z.object({
  label: NonBlankSchema,
  text: NonBlankSchema,
  case_insensitive: z.boolean().optional(),
});
export const EntityRuleKnownPatternSchema = z.object({
  label: NonBlankSchema,
  /** spaCy token pattern: one object of token attributes (ORTH, LOWER, IS_TITLE, OP, ...) per token. */
  pattern: z.array(z.record(z.string(), z.unknown())).min(1),
});
export const EntityRuleKnownSchema = z.union([EntityRuleKnownTextSchema, EntityRuleKnownPatternSchema]);
export type EntityRuleKnown = z.infer<typeof EntityRuleKnownSchema>;
export const EntityRulesIgnoreSchema = z.object({ texts: z.array(z.string()).optional(), labels: z.array(z.string()).optional() });
export const EntityRulesSchema = z.object({ known: z.array(EntityRuleKnownSchema), ignore: EntityRulesIgnoreSchema.optional() });
export type EntityRules = z.infer<typeof EntityRulesSchema>;
export const SetEntityRulesRequestSchema = EntityRulesSchema.extend({ id: z.string(), action: z.literal('set_entity_rules') });

export const SidecarRequestSchema = z.discriminatedUnion('action', [
  HealthCheckRequestSchema,
  AnalyzeRequestSchema,
  SetEntityRulesRequestSchema,
  ShutdownRequestSchema,
]);
export type SidecarRequest = z.infer<typeof SidecarRequestSchema>;
/** A request before the transport gives it an id. */
export type SidecarAction = SidecarRequest extends infer R ? (R extends { id: string } ? Omit<R, 'id'> : never) : never;

/** One entity; `start`/`end` count UTF-16 code units (LSP's unit), end exclusive. */
export const EntitySchema = z.object({
  label: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Entity = z.infer<typeof EntitySchema>;

/** Content hash naming a set of entity rules (16 hex digits); null: no rules in effect. */
export const EntityRulesHashSchema = z.string().nullable();

/**
 * `analyze` answers one result per input text, in order (a single `text` gives one result).
 * `rules`: the hash of the entity rules the results were made with (absent from older sidecars).
 */
export const AnalyzeDataSchema = z.object({
  results: z.array(z.object({ entities: z.array(EntitySchema) })),
  rules: EntityRulesHashSchema.optional(),
});
export type AnalyzeData = z.infer<typeof AnalyzeDataSchema>;

/** Codes of `set_entity_rules` problems: a known entry skipped while the others apply. */
export const EntityRulesProblemCodes = ['INVALID_ENTRY', 'INVALID_PATTERN', 'NEEDS_COMPONENT', 'TOO_COSTLY'] as const;
export const EntityRulesProblemSchema = z.object({
  /** Index of the entry in `known`. */
  index: z.number().int().nonnegative(),
  /** One of EntityRulesProblemCodes (a string, so a newer sidecar's code still parses). */
  code: z.string(),
  message: z.string(),
});
export type EntityRulesProblem = z.infer<typeof EntityRulesProblemSchema>;
/** `set_entity_rules` answer: the rules now in effect, how many known entries applied, what was skipped. */
export const EntityRulesDataSchema = z.object({
  rules: EntityRulesHashSchema,
  applied: z.number().int().nonnegative(),
  problems: z.array(EntityRulesProblemSchema),
});
export type EntityRulesData = z.infer<typeof EntityRulesDataSchema>;

export const HealthDataSchema = z.object({
  status: z.literal('healthy'),
  model: z.string(),
  model_version: z.string(),
  model_source: z.string().optional(),
  spacy_version: z.string(),
  frozen: z.boolean(),
  uptime_s: z.number(),
  rss_bytes: z.number().int(),
  pipeline: z.array(z.string()).optional(),
  /** Requests waiting to start behind the running one (health checks are answered at once, never queued). */
  queued: z.number().int().nonnegative().optional(),
  /** Seconds the current request has been running; 0 when idle. Busy, not hung, while health answers. */
  busy_s: z.number().nonnegative().optional(),
  /** Requests answered in order since start (analyze, set_entity_rules, shutdown; not health checks or bad lines). */
  requests_done: z.number().int().nonnegative().optional(),
});
export type HealthData = z.infer<typeof HealthDataSchema>;

export const ResponseSchema = z.union([
  z.object({ id: z.string().nullable(), success: z.literal(true), data: z.unknown() }),
  z.object({ id: z.string().nullable(), success: z.literal(false), error: ErrorInfoSchema }),
]);

/** Error codes the sidecar uses in `error.code`. */
export const SidecarErrorCodes = [
  'INVALID_JSON',
  'INVALID_REQUEST',
  'UNKNOWN_ACTION',
  'INTERNAL_ERROR',
  'MODEL_LOAD_FAILED',
  'RULES_TOO_COSTLY',
] as const;
