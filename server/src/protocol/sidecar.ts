// Wire format of the spaCy sidecar: newline-delimited JSON on stdin/stdout.
// Declared once here; the Python side (python-src/samsara_sidecar/protocol.py) mirrors it,
// and python-src/PROTOCOL.md documents it. Every line from the sidecar is parsed with these
// schemas: a line that does not match is reported, never trusted.
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

export const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** Status lines the sidecar prints on its own (no request id). */
export const LoadingStatusSchema = z.object({ status: z.literal('loading_model') });
export const ModelLoadedStatusSchema = z.object({
  status: z.literal('model_loaded'),
  protocol: z.number().int(),
  model: z.string(),
  model_version: z.string(),
  pid: z.number().int(),
  /** spaCy's explanation of each NER label the pipeline can emit (`spacy.explain`). */
  labels: z.record(z.string(), z.string()).optional(),
});
export const ErrorStatusSchema = z.object({ status: z.literal('error'), error: ErrorInfoSchema });
export const StatusLineSchema = z.discriminatedUnion('status', [LoadingStatusSchema, ModelLoadedStatusSchema, ErrorStatusSchema]);
export type StatusLine = z.infer<typeof StatusLineSchema>;
export type ModelLoaded = z.infer<typeof ModelLoadedStatusSchema>;

/** Requests. `id` is chosen by the caller and echoed in the response. */
export const HealthCheckRequestSchema = z.object({ id: z.string(), action: z.literal('health_check') });
export const AnalyzeRequestSchema = z.union([
  z.object({ id: z.string(), action: z.literal('analyze'), text: z.string() }),
  z.object({ id: z.string(), action: z.literal('analyze'), texts: z.array(z.string()) }),
]);
export const ShutdownRequestSchema = z.object({ id: z.string(), action: z.literal('shutdown') });
export type SidecarRequest =
  | z.infer<typeof HealthCheckRequestSchema>
  | z.infer<typeof AnalyzeRequestSchema>
  | z.infer<typeof ShutdownRequestSchema>;

/** One entity; `start`/`end` count UTF-16 code units (LSP's unit), end exclusive. */
export const EntitySchema = z.object({
  label: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Entity = z.infer<typeof EntitySchema>;

/** `analyze` answers one result per input text, in order (a single `text` gives one result). */
export const AnalyzeDataSchema = z.object({ results: z.array(z.object({ entities: z.array(EntitySchema) })) });
export type AnalyzeData = z.infer<typeof AnalyzeDataSchema>;

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
  /** Requests answered in order since start (health checks and bad lines not counted). */
  requests_done: z.number().int().nonnegative().optional(),
});
export type HealthData = z.infer<typeof HealthDataSchema>;

export const ResponseSchema = z.union([
  z.object({ id: z.string().nullable(), success: z.literal(true), data: z.unknown() }),
  z.object({ id: z.string().nullable(), success: z.literal(false), error: ErrorInfoSchema }),
]);
export type SidecarResponse = z.infer<typeof ResponseSchema>;

/** Error codes the sidecar uses in `error.code`. */
export const SidecarErrorCodes = ['INVALID_JSON', 'INVALID_REQUEST', 'UNKNOWN_ACTION', 'INTERNAL_ERROR', 'MODEL_LOAD_FAILED'] as const;
