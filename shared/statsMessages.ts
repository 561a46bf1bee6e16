// `samsara/stats`: the counters the server reports of its analysis pipeline, pool, workspace index
// and rules, for tests, the bench and troubleshooting (re-exported by shared/lsp.ts).
import { RequestType0 } from 'vscode-jsonrpc';
import { z } from 'zod';
import type { EntityRulesStats } from './entityRulesMessages';
import type { PipelineStats } from './pipelines';

/** A sidecar pool's (or worker's) state, in its status notification and in the stats. */
export const SidecarStateSchema = z.enum(['starting', 'ready', 'restarting', 'stopped']);
export type SidecarState = z.infer<typeof SidecarStateSchema>;

/** One sidecar worker of the pool, as `samsara/stats` reports it. */
export interface SidecarWorkerStats {
  state: SidecarState;
  reason?: string;
  pid?: number;
  /** Requests sent and not answered yet. */
  inFlight: number;
  /** Requests sent (health checks not counted); processes started. */
  requests: number;
  starts: number;
  /** Health checks sent to its current process (answered or not). */
  healthChecks: number;
  /** Resident memory of the process at its last health check. */
  rssBytes?: number;
  /**
   * Stopped now by the pool for want of work (not a crash; it starts again when work waits);
   * times it retired; times its process crashed or was killed (what the crash-loop breaker counts).
   */
  retired?: boolean;
  retirements?: number;
  crashes?: number;
}

/**
 * Where the time of the latest document analysis run went (server/src/analysis), for the edit
 * bench: ms since the run started, `startedAt` on the shared clock (performance.timeOrigin +
 * performance.now(), comparable with a client's on the same machine).
 */
export interface RunTrace {
  version: number;
  reason: string;
  startedAt: number;
  /** Settings read; prose extracted; cut into units; every unit looked up in the cache (misses queued). */
  settingsMs: number;
  extractMs: number;
  unitsMs: number;
  requestedMs: number;
  /** Units of the document; units the cache did not hold (sent); their characters, context included. */
  units: number;
  unitsSent: number;
  charsSent: number;
  /** The units the edit changed (core or context) answered: what the first tokens wait for. */
  editedMs?: number;
  /** Every unit answered (a neighbour whose context alone changed included); the first model published. */
  doneMs?: number;
  modelMs?: number;
  /** The server's CPU time from the start to the first publication (wall time on a loaded machine is mostly waiting). */
  cpuMs?: number;
}

/** One `analyze` request, on the shared clock (see RunTrace). */
export interface BatchTrace {
  priority: string;
  texts: number;
  chars: number;
  /** When its oldest text was queued, when it left, when its answer came back. */
  queuedAt: number;
  sentAt: number;
  answeredAt?: number;
}

export interface SamsaraStats {
  /** Every loaded pipeline (the primary one first): its language, state and memory. */
  pipelines?: PipelineStats[];
  sidecar: {
    state: SidecarState;
    reason?: string;
    pid?: number;
    workersReady?: number;
    workersTotal?: number;
    /** Of the total, workers stopped for want of work (not crashed). */
    workersRetired?: number;
    workers?: SidecarWorkerStats[];
  };
  /** Blocks asked for / answered from the cache / sent to the sidecar; `analyze` requests sent. */
  blocksRequested: number;
  blocksFromCache: number;
  blocksAnalyzed: number;
  requests: number;
  /** Entities the sidecar returned with a span that does not fit their block (dropped). */
  invalidEntities: number;
  /** Document analysis runs / results published / results dropped as stale / runs that failed. */
  runs: number;
  published: number;
  staleDropped: number;
  failed: number;
  /** Runs skipped because the document is over samsara.analysis.maxDocumentSize. */
  skippedTooLarge: number;
  cacheEntries: number;
  /** `analyze` requests sent for interactive work (edits, the visible screen) and for the rest. */
  interactiveBatches: number;
  backgroundBatches: number;
  /** `analyze` requests sent for workspace files nobody has open (the lowest priority). */
  scanBatches: number;
  /** Queued blocks dropped because no open document needed them any more. */
  blocksCancelled: number;
  /** Milliseconds `analyze` requests were under way, summed. */
  analyzeMs: number;
  /** Semantic tokens answered: full, as edits, whole where an edit was asked for, range; refreshes asked. */
  semanticTokens: { full: number; deltas: number; deltaFallbacks: number; ranges: number; refreshes: number };
  /** The workspace index (absent before initialize). */
  workspace?: WorkspaceIndexStats;
  /** At changes of the entity rules: cached results carried over, and dropped (analysed again). */
  blocksCarriedOver?: number;
  blocksInvalidated?: number;
  /** The entity rules files and what the sidecar applies of them. */
  entityRules?: EntityRulesStats;
  /**
   * Runs whose units with an edited context (within reach of the edit, their core unchanged)
   * were checked once typing paused, after showing their previous entities; of those, the runs
   * whose entities changed (published again).
   */
  neighbourChecks?: number;
  neighbourCorrections?: number;
  /** The latest analysis run's timings, and the latest `analyze` requests (the edit bench reads them). */
  lastRun?: RunTrace;
  recentBatches?: BatchTrace[];
}

/**
 * Client → server, `samsara/stats`: counters of the analysis pipeline, for tests, the bench and
 * troubleshooting. Cheap: it reads counters, it does not compute.
 */
export const StatsRequest = new RequestType0<SamsaraStats, void>('samsara/stats');

/** The workspace index in `samsara/stats`. */
export interface WorkspaceIndexStats {
  enabled: boolean;
  scanning: boolean;
  /** Scans started; the last one's files found, and how each was served. */
  scans: number;
  filesFound: number;
  /** Files whose entities came from the store on disk, were analysed, were unchanged in memory. */
  filesFromStore: number;
  filesAnalyzed: number;
  filesUnchanged: number;
  /** Files left out: over the size cap, unreadable or not text. */
  filesTooLarge: number;
  filesUnreadable: number;
  /** Files whose analysis failed (no sidecar): the next scan tries them again. */
  filesFailed: number;
  /** Files and distinct entities in the index now. */
  indexedFiles: number;
  indexedEntities: number;
  /** The store on disk: its file, entries read at start, why it was discarded (if it was), saves. */
  store?: { file: string; loaded: number; discarded?: string; saves: number; bytesWritten: number };
}
