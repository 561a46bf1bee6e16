// Custom LSP messages between the Samsara client and server, declared once and imported by both.
// Kept free of runtime dependencies so the client bundle can import it as is.

export const SidecarStatusNotification = 'samsara/sidecarStatus';

export type SidecarState = 'starting' | 'ready' | 'restarting' | 'stopped';

export interface SidecarStatusParams {
  state: SidecarState;
  /** Why the sidecar is restarting or stopped; absent when ready or starting. */
  reason?: string;
  model?: string;
  modelVersion?: string;
  pid?: number;
}

/** `workspace/executeCommand` commands the server provides. */
export const Commands = {
  restartSidecar: 'samsara.restartSidecar',
  probe: 'samsara.probe',
} as const;

/**
 * Request `samsara/stats` (no params): counters of the analysis pipeline, for tests, the bench and
 * troubleshooting. Cheap: it reads counters, it does not compute.
 */
export const StatsRequest = 'samsara/stats';

export interface SamsaraStats {
  sidecar: { state: SidecarState; reason?: string; pid?: number };
  /** Blocks asked for / answered from the cache / sent to the sidecar; `analyze` requests sent. */
  blocksRequested: number;
  blocksFromCache: number;
  blocksAnalyzed: number;
  requests: number;
  /** Document analysis runs / results published / results dropped as stale / runs that failed. */
  runs: number;
  published: number;
  staleDropped: number;
  failed: number;
  cacheEntries: number;
}
