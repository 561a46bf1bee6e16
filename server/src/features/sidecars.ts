// The server's language models: the primary sidecar pool (the settings' pipeline), the analysis
// cache in front of it, and the pools of other languages' pipelines (sidecar/languageRouter.ts),
// started on first use and stopped when idle. server.ts wires their readiness into the features;
// this file owns their settings, lifetimes and stats.
import type { Connection } from 'vscode-languageserver/node';
import { SidecarStatusNotification, type SamsaraStats, type SidecarStatusParams } from '../../../shared/lsp';
import { AnalysisCache } from '../analysis/analysisCache';
import type { Logger } from '../logger';
import type { ModelLoaded } from '../protocol/sidecar';
import { defaultSettings, SettingsValidator, type SamsaraSettings } from '../settings/settings';
import { bundleContents } from '../pipelines/bundleContents';
import { SpacyVersion } from '../pipelines/spacyVersion';
import { withSupportPackages } from '../pipelines/supportPackages';
import { SidecarError } from '../sidecar/errors';
import { locateSidecar } from '../sidecar/locateSidecar';
import { LanguageRouter, pipelineLanguage, type InstalledRef } from '../sidecar/languageRouter';
import type { EntityRules, EntityRulesProblem } from '../protocol/sidecar';
import { createLauncher } from '../sidecar/launchSidecar';
import { SidecarPool, type PoolConfig } from '../sidecar/sidecarPool';

/** The pool's settings, read from Samsara's settings. */
export function sidecarConfig(s: SamsaraSettings): PoolConfig {
  return {
    path: s['sidecar.path'],
    pipeline: s['sidecar.pipeline'],
    startTimeoutMs: s['sidecar.startTimeoutMs'],
    healthCheckIntervalMs: s['sidecar.healthCheckIntervalMs'],
    healthCheckTimeoutMs: s['sidecar.healthCheckTimeoutMs'],
    requestTimeoutMs: s['sidecar.requestTimeoutMs'],
    workers: s['sidecar.workers'],
    idleRetireMs: s['sidecar.idleRetireSeconds'] * 1000,
  };
}

/**
 * The sidecar settings our client sends at initialize (trusted values only), so the language
 * model starts before the server may ask for settings; undefined from other clients (they start
 * it at initialized, with the settings they answer).
 */
export function earlySettings(initializationOptions: unknown, log: Logger): SamsaraSettings | undefined {
  if (typeof initializationOptions !== 'object' || initializationOptions === null) return undefined;
  const early: unknown = (initializationOptions as { earlySettings?: unknown }).earlySettings;
  if (typeof early !== 'object' || early === null) return undefined;
  return new SettingsValidator(log).parse(early, 'initializationOptions.earlySettings');
}

export interface SidecarsDeps {
  connection: Connection;
  log: Logger;
  /** Where the bundled sidecar is found from (the server's own folder). */
  serverDir: string;
  /** The language pipelines installed beside the bundled one. */
  installed(): readonly InstalledRef[];
  /** The primary pool is ready (again): its handshake, and the pool. */
  ready(info: ModelLoaded, pool: SidecarPool): void;
  /** A routed pool is ready: its labels join the legend. */
  routedReady(): void;
  /** The entity rules for a pipeline of this language (entries of that language or of none). */
  rules(language: string): EntityRules;
  /** A pool of another language took its rules: the entries its pipeline skipped. */
  rulesApplied?(language: string, problems: EntityRulesProblem[]): void;
}

export class ServerSidecars {
  private poolValue: SidecarPool | undefined;
  private lastGlobal: SamsaraSettings | undefined;
  // One batch in flight per ready worker: new interactive work waits for at most the batch a
  // worker is on, never for a queue of background batches in the sidecars' stdin.
  // Each answer names the entity rules it was made with: the cache keys its results by them too.
  readonly cache = new AnalysisCache((texts) => this.requirePool().analyzeWithRules(texts), {
    // Retired workers count: a batch beyond the ready ones waits in the pool, which starts one again.
    concurrency: () => Math.max(1, this.poolValue?.capacity ?? 1),
  });
  // Documents in other languages than the primary pipeline's go to pools of their own (one per
  // installed pipeline, started on first use, stopped when idle).
  readonly router: LanguageRouter;
  /** The spaCy the program carries (its handshake; before that, the bundle's metadata): pipelines are checked against it. */
  readonly spacyVersion = new SpacyVersion(() => this.programPath());
  /** What else the program carries (SudachiPy, for Japanese), read from its bundle. */
  readonly bundle = bundleContents(() => this.programPath());
  private readonly idleSweep: NodeJS.Timeout;
  /** The programs' environment: the server's, and where the pipelines' support packages are. */
  private launchEnv: NodeJS.ProcessEnv = process.env;
  /** Resolved at `initialized`: before it, the client hears nothing of the model (it may load sooner). */
  private markConnected: () => void = () => undefined;
  private readonly connectedPromise = new Promise<void>((resolve) => (this.markConnected = resolve));

  constructor(private readonly deps: SidecarsDeps) {
    this.router = new LanguageRouter({
      primary: () => ({
        pool: this.poolValue,
        cache: this.cache,
        language: pipelineLanguage(this.poolValue?.info?.model),
      }),
      installed: () => deps.installed(),
      open: (pipeline) => this.openRouted(pipeline),
      idleMs: () => this.settings['pipelines.idleMinutes'] * 60_000,
      rules: (language) => deps.rules(language),
      rulesApplied: (language, problems) => deps.rulesApplied?.(language, problems),
      log: deps.log,
    });
    this.idleSweep = setInterval(() => this.router.sweep(), 60_000);
    this.idleSweep.unref();
  }

  /** The window's settings as last read (the defaults before `initialized`). */
  get settings(): SamsaraSettings {
    return this.lastGlobal ?? defaultSettings();
  }

  get pool(): SidecarPool | undefined {
    return this.poolValue;
  }

  requirePool(): SidecarPool {
    if (!this.poolValue) throw new SidecarError('SIDECAR_STOPPED', 'The sidecar has not been started yet', false);
    return this.poolValue;
  }

  private programPath(): string | undefined {
    try {
      return locateSidecar({ settingPath: this.poolValue?.config.path ?? '', env: process.env, serverDir: this.deps.serverDir }).path;
    } catch {
      return undefined; // no program found: the series' first release is assumed until one starts
    }
  }

  /** Where installed pipelines live (before any start): their support packages are found there. */
  usePipelinesFolder(root: string): void {
    this.launchEnv = withSupportPackages(process.env, root);
  }

  /** The client is initialized: statuses (and readiness) held until now go out. */
  connected(): void {
    this.markConnected();
  }

  /**
   * Starts the primary pool with these settings, or, started already (early, at initialize), gives
   * it these: a different path or pipeline restarts it. Resolves when each worker is ready or stopped.
   */
  async start(global: SamsaraSettings): Promise<void> {
    if (this.poolValue) return this.configurationChanged(global);
    this.lastGlobal = global;
    const pool: SidecarPool = new SidecarPool(sidecarConfig(global), {
      launch: createLauncher(this.deps.log, this.deps.serverDir, this.launchEnv),
      onStatus: (status) => this.primaryStatus(pool, status),
      log: this.deps.log,
    });
    this.poolValue = pool;
    await pool.start();
  }

  /** New settings: path and pipeline restart the sidecar; everything else applies to the next run. */
  async configurationChanged(global: SamsaraSettings): Promise<void> {
    this.lastGlobal = global;
    if (this.poolValue) await this.poolValue.updateConfig(sidecarConfig(global));
  }

  /** The sidecar part of the stats request. */
  stats(): SamsaraStats['sidecar'] {
    const pool = this.poolValue;
    const sidecar: SamsaraStats['sidecar'] = { state: pool?.state ?? 'stopped' };
    if (pool?.reason) sidecar.reason = pool.reason;
    if (pool?.pid !== undefined) sidecar.pid = pool.pid;
    if (pool)
      Object.assign(sidecar, {
        workersReady: pool.readyWorkers,
        workersTotal: pool.totalWorkers,
        workersRetired: pool.retiredWorkers,
        workers: pool.stats(),
      });
    return sidecar;
  }

  /**
   * Shutdown: the work in flight is abandoned at once (synchronously, so the shutdown answer waits
   * for nothing) and the sidecars are stopped right after the answer has gone out.
   */
  shutdown(): void {
    const stopping = this.poolValue;
    stopping?.abandon();
    clearInterval(this.idleSweep);
    void this.router.dispose();
    setImmediate(() => void stopping?.dispose({ abandon: true }));
  }

  private primaryStatus(pool: SidecarPool, status: SidecarStatusParams): void {
    void this.connectedPromise.then(() => {
      void this.deps.connection.sendNotification(SidecarStatusNotification, status);
      const info = pool.info;
      if (status.state === 'ready' && info) this.spacyVersion.handshake(info.spacy_version);
      if (status.state === 'ready' && info && pool === this.poolValue) this.deps.ready(info, pool);
    });
  }

  private openRouted(pipeline: InstalledRef): { pool: SidecarPool; cache: AnalysisCache } {
    const { log } = this.deps;
    const routed: SidecarPool = new SidecarPool(
      { ...sidecarConfig(this.lastGlobal ?? defaultSettings()), pipeline: pipeline.path, workers: 1 },
      {
        launch: createLauncher(log, this.deps.serverDir, this.launchEnv),
        onStatus: (status) => {
          log.info(`${pipeline.name}: ${status.state}${status.reason ? ` (${status.reason})` : ''}`);
          if (status.state === 'ready') {
            this.deps.routedReady();
            routedCache.pump();
          }
        },
        log,
      },
    );
    const routedCache = new AnalysisCache((texts) => routed.analyzeWithRules(texts), {
      concurrency: () => Math.max(1, routed.readyWorkers),
    });
    void routed.start();
    return { pool: routed, cache: routedCache };
  }
}
