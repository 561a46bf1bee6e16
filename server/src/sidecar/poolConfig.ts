// A sidecar pool's settings and answers: the worker count (`samsara.sidecar.workers`, or `auto`
// from the cores), the idle-retirement delay, and what analysis and health requests resolve with.
import { availableParallelism } from 'node:os';
import type { Logger } from '../logger';
import type { SidecarState, SidecarStatusParams } from '../../../shared/lsp';
import type { Entity, HealthData } from '../protocol/sidecar';
import type { PoolTimers } from './idleRetire';
import type { SidecarHandle } from './sidecarProcess';
import type { SidecarConfig, WorkerOptions } from './sidecarWorker';

/** `samsara.sidecar.workers`: a count, or `auto`. */
export type WorkersSetting = number | 'auto';

export interface PoolConfig extends SidecarConfig {
  workers: WorkersSetting;
  /** `samsara.sidecar.idleRetireSeconds` in ms: idle this long, a worker past the first stops; 0: never (default 60 s). */
  idleRetireMs?: number;
}

export const DEFAULT_IDLE_RETIRE_MS = 60_000;

export interface PoolOptions {
  launch(config: SidecarConfig): Promise<SidecarHandle>;
  onStatus(status: SidecarStatusParams): void;
  log: Logger;
  /** Cores of this machine (for `auto`); injected by tests. */
  cores?: number;
  /** Passed to every worker (restart policy, health limits, clocks). */
  worker?: Omit<WorkerOptions, 'launch' | 'onStatus' | 'log' | 'name' | 'prepare'>;
  /** The idle-retirement timers; injected by tests. */
  timers?: PoolTimers;
}

export interface AnalyzeResult {
  /** Entities of each text, in order (UTF-16 offsets relative to that text). */
  entities: Entity[][];
  /** Hash of the entity rules the results were made with; null: none. A cache keys by it. */
  rules: string | null;
}

export interface WorkerHealth {
  worker: number;
  state: SidecarState;
  pid?: number;
  health?: HealthData;
  error?: string;
}

/**
 * `auto`: one worker per spare core (one core stays with the editor and this server), at most 4
 * (past that, memory grows faster than throughput for interactive use), at least 1.
 */
export function resolveWorkerCount(setting: WorkersSetting, cores = availableParallelism()): number {
  return setting === 'auto' ? Math.min(4, Math.max(1, cores - 1)) : Math.max(1, Math.floor(setting));
}
