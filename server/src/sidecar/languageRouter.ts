// Routes documents to a pipeline by language, above the pools: the primary pool (the
// `samsara.sidecar.pipeline` setting, English by default) serves its own language; every other
// language with an installed pipeline gets a pool of its own (one worker per pipeline), started
// on first use and stopped after `idleMs` without a request, so a French chapter opened once
// does not keep ~200 MB resident all session. Each pool has its own result cache: the same
// paragraph gives other entities in another pipeline. Each pool applies the entity rules
// (.samsara/entities.yaml) for its language: entries without a `language`, and those with its own.
import type { SidecarWorkerStats } from '../../../shared/lsp';
import type { PipelineStats } from '../../../shared/pipelines';
import type { AnalysisCache } from '../analysis/analysisCache';
import type { Logger } from '../logger';
import type { EntityRules, EntityRulesProblem } from '../protocol/sidecar';
import type { SidecarPool } from './sidecarPool';

export interface InstalledRef {
  name: string;
  language: string;
  path: string;
}

export interface RouterDeps {
  /** The primary pool and cache, and the language its pipeline is for. */
  primary(): { pool: SidecarPool | undefined; cache: AnalysisCache; language: string };
  /** Installed pipelines (kept current by whoever installs and removes them). */
  installed(): readonly InstalledRef[];
  /** A started pool for the pipeline at `path`, and its cache. */
  open(pipeline: InstalledRef): { pool: SidecarPool; cache: AnalysisCache };
  idleMs(): number;
  /** The entity rules the pipeline of `language` applies (absent: none). */
  rules?(language: string): EntityRules;
  /** A routed pool took its language's rules (or its pipeline was removed: none), with the entries it skipped. */
  rulesApplied?(language: string, problems: EntityRulesProblem[]): void;
  log?: Logger;
  now?: () => number;
}

interface Routed {
  pipeline: InstalledRef;
  pool: SidecarPool;
  cache: AnalysisCache;
  lastUsed: number;
}

/** The language of a pipeline by its name (`fr_core_news_sm` -> fr); English when unknown. */
export function pipelineLanguage(model: string | undefined): string {
  return /^([a-z]{2,3})_/.exec(model ?? '')?.[1] ?? 'en';
}

export class LanguageRouter {
  private readonly routed = new Map<string, Routed>();

  constructor(private readonly deps: RouterDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** The language of the primary pool's pipeline. */
  primaryLanguage(): string {
    return this.deps.primary().language;
  }

  /** Whether a pipeline serves `language` (the primary one or an installed one). */
  serves(language: string): boolean {
    return language === this.deps.primary().language || this.deps.installed().some((pipeline) => pipeline.language === language);
  }

  /** The cache whose pool speaks `language`, starting its pool if needed; undefined when none can. */
  cacheFor(language: string): AnalysisCache | undefined {
    const primary = this.deps.primary();
    if (language === primary.language) return primary.cache;
    const existing = this.routed.get(language);
    if (existing) {
      existing.lastUsed = this.now();
      return existing.cache;
    }
    const installed = this.deps.installed().filter((pipeline) => pipeline.language === language);
    const pipeline = installed.find((candidate) => candidate.name.endsWith('_sm')) ?? installed[0];
    if (!pipeline) return undefined;
    const opened = this.deps.open(pipeline);
    this.routed.set(language, { pipeline, ...opened, lastUsed: this.now() });
    this.applyRules(language, opened.pool);
    return opened.cache;
  }

  /** The entity rules changed: every started pool takes its language's again; their results start over. */
  rulesChanged(): void {
    for (const [language, routed] of this.routed) {
      this.applyRules(language, routed.pool, true);
      routed.cache.clear();
    }
  }

  private applyRules(language: string, pool: SidecarPool, always = false): void {
    const rules = this.deps.rules?.(language);
    if (!rules || (!always && rules.known.length === 0 && !rules.ignore)) return;
    pool.setEntityRules(rules).then(
      (answer) => this.deps.rulesApplied?.(language, answer.problems),
      (error: unknown) =>
        this.deps.log?.warn(
          `Entity rules for ${language}: the language model did not take them: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }

  /** The pool that speaks `language` (starting it if needed), for one-off analyses such as probes. */
  poolFor(language: string): SidecarPool | undefined {
    const primary = this.deps.primary();
    if (language === primary.language) return primary.pool;
    if (!this.cacheFor(language)) return undefined;
    return this.routed.get(language)?.pool;
  }

  /** Stops the pools unused for longer than idleMs; returns the languages unloaded. */
  sweep(): string[] {
    const cutoff = this.now() - this.deps.idleMs();
    const unloaded: string[] = [];
    for (const [language, routed] of this.routed) {
      if (routed.lastUsed > cutoff) continue;
      this.routed.delete(language);
      void routed.pool.dispose();
      unloaded.push(language);
    }
    return unloaded;
  }

  /** Stops the pool of a pipeline about to be removed or replaced. */
  unload(name: string): void {
    for (const [language, routed] of this.routed) {
      if (routed.pipeline.name !== name) continue;
      this.routed.delete(language);
      void routed.pool.dispose();
      this.deps.rulesApplied?.(language, []);
    }
  }

  /** The pipeline that reads documents of `language` (its name), if one serves it. */
  pipelineFor(language: string): string | undefined {
    const primary = this.deps.primary();
    if (language === primary.language) return primary.pool?.info?.model;
    return this.routed.get(language)?.pipeline.name ?? this.deps.installed().find((p) => p.language === language)?.name;
  }

  stats(): PipelineStats[] {
    const primary = this.deps.primary();
    const rows: PipelineStats[] = [];
    if (primary.pool)
      rows.push(statsOf(primary.language, primary.pool.info?.model ?? 'primary', primary.pool.state, primary.pool.stats(), 0));
    for (const [language, routed] of this.routed) {
      rows.push(statsOf(language, routed.pipeline.name, routed.pool.state, routed.pool.stats(), this.now() - routed.lastUsed));
    }
    return rows;
  }

  /** Every pool's readiness changed: the caches of ready pools take their queued work. */
  pumpAll(): void {
    for (const routed of this.routed.values()) routed.cache.pump();
  }

  async dispose(): Promise<void> {
    const pools = [...this.routed.values()].map((routed) => routed.pool);
    this.routed.clear();
    await Promise.all(pools.map((pool) => pool.dispose({ abandon: true })));
  }
}

function statsOf(language: string, pipeline: string, state: string, workers: SidecarWorkerStats[], idleMs: number): PipelineStats {
  const rss = workers.reduce((sum, worker) => sum + (worker.rssBytes ?? 0), 0);
  return { language, pipeline, state, workers: workers.length, ...(rss > 0 ? { rssBytes: rss } : {}), idleMs };
}
