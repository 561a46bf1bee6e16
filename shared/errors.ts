// Error codes of every layer, declared once: the server throws them, the client and the command
// line branch on them (e.g. PROBE_MISSING_KEY offers "Set API Key…"), tests assert them.
// SamsaraError is the base of every error raised on purpose: a stable machine-readable `code`
// beside the human message, so callers branch on codes and users read messages.

export const SIDECAR_ERROR_CODES = [
  'SIDECAR_NOT_FOUND',
  'SIDECAR_NOT_EXECUTABLE',
  'SIDECAR_SPAWN_FAILED',
  'SIDECAR_START_TIMEOUT',
  'SIDECAR_BAD_HANDSHAKE',
  'SIDECAR_PROTOCOL_MISMATCH',
  'SIDECAR_MODEL_LOAD_FAILED',
  'SIDECAR_EXITED',
  'SIDECAR_REQUEST_TIMEOUT',
  'SIDECAR_REQUEST_FAILED',
  'SIDECAR_BAD_RESPONSE',
  'SIDECAR_STOPPED',
  'SIDECAR_LINE_TOO_LONG',
] as const;

export const PROBE_ERROR_CODES = [
  'PROBE_UNKNOWN_PROVIDER',
  'PROBE_INVALID_MODEL',
  'PROBE_MISSING_KEY',
  'PROBE_INVALID_ARGUMENTS',
  'PROBE_INVALID_BASE_URL',
  'PROBE_UNKNOWN_SCENARIO',
  'PROBE_SCENARIO_FILE',
  'PROBE_CANCELLED',
  'PROBE_HTTP_ERROR',
  'PROBE_NETWORK_ERROR',
  'PROBE_TIMEOUT',
  'PROBE_MALFORMED_RESPONSE',
  'PROBE_INVALID_KEY',
  'PROBE_REDIRECT',
  'PROBE_RESPONSE_TOO_LARGE',
  'PROBE_RATE_LIMITED',
  'PROBE_AMBIGUOUS_MODEL',
  'PROBE_TRANSCRIPT_FOLDER',
  'PROBE_TRANSCRIPT_FILE',
  'PROBE_TEMPLATE',
  'PROBE_ENTITIES_UNAVAILABLE',
  'PROBE_INVALID_PARAMETER',
] as const;

export const CLIENT_ERROR_CODES = ['SERVER_NOT_FOUND', 'SERVER_NOT_RUNNING', 'SERVER_BAD_REPLY'] as const;

/** Broken invariants of the server's own layers (a dependency that changed under us), never bad input. */
export const SERVER_ERROR_CODES = ['TEXT_EXTRACTION_FAILED'] as const;

/** The language server's analysis pipeline (scheduling texts for the sidecar). */
export const ANALYSIS_ERROR_CODES = ['ANALYSIS_CANCELLED'] as const;

/** The workspace scan and `samsara entities`: files that cannot be read as text, or must not be read (outside the folder, over the cap). */
export const WORKSPACE_ERROR_CODES = ['FILE_NOT_TEXT', 'PATH_REFUSED', 'FILE_TOO_LARGE'] as const;
/** The entity rules files (`.samsara/entities.yaml`): reading them, editing them for a code action. */
export const ENTITY_RULES_ERROR_CODES = ['ENTITY_RULES_UNREADABLE', 'ENTITY_RULES_EDIT_FAILED', 'ENTITY_RULES_NO_FILE'] as const;

/** Probe campaigns (.samsara/campaigns/*.yaml): the file, the passages it names, the probe store. */
export const CAMPAIGN_ERROR_CODES = ['CAMPAIGN_FILE', 'CAMPAIGN_PASSAGE', 'CAMPAIGN_STORE'] as const;

export type SidecarErrorCode = (typeof SIDECAR_ERROR_CODES)[number];
export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type AnalysisErrorCode = (typeof ANALYSIS_ERROR_CODES)[number];
export type WorkspaceErrorCode = (typeof WORKSPACE_ERROR_CODES)[number];
export type EntityRulesErrorCode = (typeof ENTITY_RULES_ERROR_CODES)[number];
export type CampaignErrorCode = (typeof CAMPAIGN_ERROR_CODES)[number];
export type ErrorCode =
  | SidecarErrorCode
  | ProbeErrorCode
  | ClientErrorCode
  | ServerErrorCode
  | AnalysisErrorCode
  | WorkspaceErrorCode
  | EntityRulesErrorCode
  | CampaignErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [
  ...SIDECAR_ERROR_CODES,
  ...PROBE_ERROR_CODES,
  ...CLIENT_ERROR_CODES,
  ...SERVER_ERROR_CODES,
  ...ANALYSIS_ERROR_CODES,
  ...WORKSPACE_ERROR_CODES,
  ...ENTITY_RULES_ERROR_CODES,
  ...CAMPAIGN_ERROR_CODES,
];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export class SamsaraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
