// Custom LSP messages between the Samsara client and server, declared once and imported by both.
// Each message is a typed NotificationType/RequestType, so a payload of the wrong shape fails the
// typecheck on both sides. Runtime dependencies: vscode-jsonrpc (which both LSP libraries are
// built on) and zod, which both bundles carry anyway: the client validates what the server sends
// with the same schema the server's type is derived from.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import { z } from 'zod';
import type { ErrorCode } from './errors';
import { SidecarStateSchema } from './statsMessages';
import { namedEntitySchema } from './probes/fidelity';
import { scenarioSchema } from './probes/scenario';
import { lineRangeSchema } from './probes/transcript';

// ---- Sidecar status ------------------------------------------------------------------------

export const SidecarStatusParamsSchema = z.object({
  state: SidecarStateSchema,
  /**
   * Why the sidecar is restarting or stopped; when ready, which workers of the pool are not (absent
   * when all are); absent when starting.
   */
  reason: z.string().optional(),
  model: z.string().optional(),
  modelVersion: z.string().optional(),
  pid: z.number().int().optional(),
  /** Sidecar workers ready to analyse, and how many there should be (samsara.sidecar.workers). */
  workersReady: z.number().int().nonnegative().optional(),
  workersTotal: z.number().int().nonnegative().optional(),
});
export type SidecarStatusParams = z.infer<typeof SidecarStatusParamsSchema>;

/** Server → client, at every state change of the sidecar. */
export const SidecarStatusNotification = new NotificationType<SidecarStatusParams>('samsara/sidecarStatus');

// ---- Log level -----------------------------------------------------------------------------

/**
 * How much the client's log shows. The server sends its debug lines only when they would be
 * shown (initializationOptions.logLevel at start, `samsara/logLevel` when the user changes it);
 * every other line carries its level as window/logMessage's type.
 */
export const LogLevelSchema = z.enum(['off', 'error', 'warn', 'info', 'debug', 'trace']);
export type LogLevelName = z.infer<typeof LogLevelSchema>;

/** Client → server, when the log's level changes. */
export const LogLevelNotification = new NotificationType<{ level: LogLevelName }>('samsara/logLevel');

// ---- Stats: shared/statsMessages.ts ----------------------------------------------------------

export * from './statsMessages';

// ---- Commands ------------------------------------------------------------------------------

/** `workspace/executeCommand` commands the server provides. */
export const Commands = {
  restartSidecar: 'samsara.restartSidecar',
  probe: 'samsara.probe',
} as const;

// ---- Probes --------------------------------------------------------------------------------

/**
 * The argument of `samsara.probe`. The server owns every rule about it: whether the provider
 * needs a key (PROBE_MISSING_KEY), which scenario an id names, which base URL applies.
 */
export const probeArgsSchema = z.object({
  text: z.string().min(1, 'select some text first'),
  model: z.string().min(1),
  /** A scenario id the server resolves, or a whole scenario. Default: summarize. */
  scenario: z.union([z.string().min(1), scenarioSchema]).optional(),
  apiKey: z.string().optional(),
  /** Chosen by the client: the server streams the answer as `samsara/probeStream` notifications for it. */
  runId: z.string().min(1).optional(),
  /** Overrides samsara.probes.stream for this probe. */
  stream: z.boolean().optional(),
  /** Labels whose names are pseudonymised before sending; overrides samsara.probes.pseudonymize ([] = off). */
  pseudonymize: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an entity label such as PERSON')).optional(),
  /** The document the text came from: {{file}} is its name relative to the workspace. */
  uri: z.string().optional(),
  /** The lines of that document the text spans (recorded in the transcript). */
  lines: lineRangeSchema.optional(),
  /** The whole document, for a scenario that uses {{document}}. */
  document: z.string().optional(),
  /** The entity of "Probe this entity" ({{entity}}); `text` is then the entity's sentence. */
  entity: namedEntitySchema.optional(),
  /** Chosen by the client for the runs of one comparison: saved transcripts can be reopened together. */
  group: z.string().min(1).max(100).optional(),
});
export type ProbeArgs = z.infer<typeof probeArgsSchema>;

// The probe engine's other messages (stream, estimate, models, transcripts, doctor).
export * from './probes/messages';

/** `data` of the ResponseError a failed `samsara.probe` answers with. */
export interface ProbeErrorData {
  code: ErrorCode;
  provider?: string;
}

/** What the client accepts as ProbeErrorData (a server of another version may send anything). */
export const probeErrorDataSchema = z.object({ code: z.string(), provider: z.string().optional() });

export const scenarioListSchema = z.object({
  scenarios: z.array(scenarioSchema),
  /** One line per scenario that was rejected, naming its source and field path. */
  problems: z.array(z.string()),
});
export type ScenarioList = z.infer<typeof scenarioListSchema>;

/** Client → server, `samsara/scenarios`: every scenario a probe may use, as the server loads them. */
export const ScenariosRequest = new RequestType<{ resource?: string }, ScenarioList, void>('samsara/scenarios');

// ---- Entities of a document (the Entities view) ----------------------------------------------

const PositionSchema = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
export const RangeSchema = z.object({ start: PositionSchema, end: PositionSchema });

/** One distinct entity of a document: all mentions of the same normalised text and label. */
export const EntitySummarySchema = z.object({
  /** Stable id of the entity within the document: label + normalised text. */
  key: z.string(),
  /** The text as first mentioned. */
  text: z.string(),
  label: z.string(),
  /** Mentions in document order; the first is where "go to" jumps. */
  mentions: z.array(RangeSchema),
});
export type EntitySummary = z.infer<typeof EntitySummarySchema>;

export const DocumentEntitiesSchema = z.object({
  uri: z.string(),
  version: z.number().int(),
  /** Labels in a stable order, each with spaCy's explanation and its entities (most mentioned first). */
  labels: z.array(z.object({ label: z.string(), explanation: z.string(), entities: z.array(EntitySummarySchema) })),
});
export type DocumentEntities = z.infer<typeof DocumentEntitiesSchema>;

/** Client → server, `samsara/documentEntities`: the entity model of an open document (null: not analysed). */
export const DocumentEntitiesRequest = new RequestType<{ uri: string }, DocumentEntities | null, void>('samsara/documentEntities');

/** Server → client, `samsara/entitiesChanged`: a document's entity model changed (re-ask if it is shown). */
export const EntitiesChangedNotification = new NotificationType<{ uri: string; version: number }>('samsara/entitiesChanged');

// ---- The workspace index (entities of every file of the workspace) ---------------------------

/** One file's share of a workspace entity. */
export const WorkspaceEntityFileSchema = z.object({
  uri: z.string(),
  /** Mentions in that file. */
  count: z.number().int().positive(),
  /** Its first mention there (where "go to" jumps). */
  first: RangeSchema,
});

export const WorkspaceEntitySchema = z.object({
  /** Label + normalised text, as in samsara/documentEntities. */
  key: z.string(),
  /** The text as first mentioned (in the first file, by path). */
  text: z.string(),
  label: z.string(),
  /** Mentions over all files. */
  mentions: z.number().int().positive(),
  /** Files that mention it, most mentions first. */
  files: z.array(WorkspaceEntityFileSchema),
});
export type WorkspaceEntity = z.infer<typeof WorkspaceEntitySchema>;

export const WorkspaceEntitiesSchema = z.object({
  /** Files in the index (open documents included). */
  files: z.number().int().nonnegative(),
  /** Whether a scan is under way (more may come: samsara/workspaceIndexChanged says when). */
  scanning: z.boolean(),
  /** False when samsara.workspace.scan is off or no folder is open: only open documents are in. */
  enabled: z.boolean(),
  /** Labels in a stable order, each with its entities (most mentioned first). */
  labels: z.array(z.object({ label: z.string(), explanation: z.string(), entities: z.array(WorkspaceEntitySchema) })),
});
export type WorkspaceEntities = z.infer<typeof WorkspaceEntitiesSchema>;

/** Client → server, `samsara/workspaceEntities`: the Entities view's Workspace mode (label → entity → files). */
export const WorkspaceEntitiesRequest = new RequestType<Record<string, never>, WorkspaceEntities, void>('samsara/workspaceEntities');

/** Server → client, `samsara/workspaceIndexChanged`: the index changed (coalesced; re-ask if it is shown). */
export const WorkspaceIndexChangedNotification = new NotificationType<{ files: number; scanning: boolean }>(
  'samsara/workspaceIndexChanged',
);

export const ExportFormatSchema = z.enum(['csv', 'jsonl']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/**
 * Client → server, `samsara/exportWorkspaceEntities`: every mention in the index as CSV or JSON
 * Lines, one row per mention (file, label, text, 1-based line/column, UTF-16 offsets), the same
 * rows `samsara entities` prints. The client writes `content` where the user chose.
 */
export const ExportWorkspaceEntitiesRequest = new RequestType<{ format: ExportFormat }, { content: string; rows: number }, void>(
  'samsara/exportWorkspaceEntities',
);

/** `workspace/executeCommand` of the workspace index: scan again (after a cancel, say). */
export const WorkspaceCommands = {
  // Not the palette's samsara.rescanWorkspace: the language client registers every command the
  // server advertises, and a second registration of one id fails the client's start.
  rescan: 'samsara.workspace.rescan',
} as const;

// The probe history, the compare view's reads, and "Probe this entity".
export * from './probes/historyMessages';
// Entity rules (.samsara/entities.yaml) and the names for spelling dictionaries.
export * from './entityRulesMessages';
export * from './storyBibleMessages';
export * from './probes/campaignMessages';
export * from './probes/storeMessages';
