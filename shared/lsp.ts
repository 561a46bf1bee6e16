// Custom LSP messages between the Samsara client and server, declared once and imported by both.
// Its only runtime dependency is zod, which both bundles carry anyway: the client validates what
// the server sends with the same schema the server's type is derived from.
import { z } from 'zod';

export const SidecarStatusNotification = 'samsara/sidecarStatus';

export const SidecarStateSchema = z.enum(['starting', 'ready', 'restarting', 'stopped']);
export type SidecarState = z.infer<typeof SidecarStateSchema>;

export const SidecarStatusParamsSchema = z.object({
  state: SidecarStateSchema,
  /** Why the sidecar is restarting or stopped; absent when ready or starting. */
  reason: z.string().optional(),
  model: z.string().optional(),
  modelVersion: z.string().optional(),
  pid: z.number().int().optional(),
});
export type SidecarStatusParams = z.infer<typeof SidecarStatusParamsSchema>;

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
