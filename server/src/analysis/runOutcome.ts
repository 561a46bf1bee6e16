// What becomes of a document's run: its entities become the document's model and are published
// if the document is still at the run's version and the run is still its latest (a newer run
// publishes otherwise, from the cache this one filled); a run that failed for want of a sidecar is
// kept for a retry when one is ready; views waiting for the model are settled either way. After
// an edit, the units whose context alone changed showed their previous entities: they are
// checked once typing pauses, and the model is published again if their entities changed.
import type { RunTrace } from '../../../shared/lsp';
import { EntityModel, type DocumentEntity } from '../entities/entityModel';
import type { SamsaraSettings } from '../settings/settings';
import { SidecarError } from '../sidecar/errors';
import type { AnalyzerDeps, AnalyzerStats } from './analyzerDeps';
import type { DocumentRun } from './documentRun';
import type { DocState } from './documentState';
import { published, sameEntities, sinceStart } from './runTrace';

export interface RunOutcomeDeps {
  analyzer: Pick<AnalyzerDeps, 'getDocument' | 'publish' | 'clear' | 'bible' | 'log'>;
  stats: AnalyzerStats;
  /** Documents whose last run failed for want of a sidecar: re-run when it is ready. */
  failed: Set<string>;
  /** Whether `state` is still the analyzer's state of the document (it was not closed since). */
  isCurrent(uri: string, state: DocState): boolean;
}

export class RunOutcomes {
  constructor(private readonly deps: RunOutcomeDeps) {}

  async finish(uri: string, state: DocState, run: DocumentRun, settings: SamsaraSettings, trace: RunTrace): Promise<void> {
    const started = performance.now();
    let entities: DocumentEntity[];
    try {
      entities = await run.first;
      trace.editedMs = sinceStart(trace);
    } catch (error) {
      this.failedRun(uri, state, run, error);
      return;
    }
    if (!this.publishRun(uri, state, run, settings, entities)) return;
    this.deps.analyzer.log.debug(
      `Analysed ${uri} v${run.version}: ${entities.length} entities, model built ${(performance.now() - started).toFixed(1)} ms after the last answer`,
    );
    published(trace);
    if (!run.provisional) {
      trace.doneMs = trace.editedMs;
      return;
    }
    // The units whose context alone the edit changed showed their previous entities: they are
    // checked once typing pauses (a keystroke's unit never waits behind them in the sidecar),
    // and the model is published again if their entities changed.
    await new Promise((resolve) => setTimeout(resolve, settings['analysis.debounceMs']));
    if (state.current !== run || !this.deps.isCurrent(uri, state)) return;
    let exact: DocumentEntity[];
    try {
      exact = await run.done;
      trace.doneMs = sinceStart(trace);
    } catch (error) {
      this.failedRun(uri, state, run, error);
      return;
    }
    this.deps.stats.neighbourChecks += 1;
    if (sameEntities(exact, entities)) return;
    this.deps.stats.neighbourCorrections += 1;
    this.publishRun(uri, state, run, settings, exact);
  }

  private failedRun(uri: string, state: DocState, run: DocumentRun, error: unknown): void {
    if (state.current !== run || !this.deps.isCurrent(uri, state)) return;
    this.deps.stats.failed += 1;
    this.deps.failed.add(uri);
    state.failedVersion = run.version;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SidecarError && error.code === 'SIDECAR_STOPPED') this.deps.analyzer.log.debug(`Not analysing ${uri}: ${message}`);
    else this.deps.analyzer.log.warn(`Analysis of ${uri} failed: ${message}`);
    this.settle(state, undefined);
  }

  /** Publishes the run's entities if the document is still at its version; whether it did. */
  private publishRun(uri: string, state: DocState, run: DocumentRun, settings: SamsaraSettings, entities: DocumentEntity[]): boolean {
    const document = this.deps.analyzer.getDocument(uri);
    if (!document || document.version !== run.version || !this.deps.isCurrent(uri, state) || state.current !== run) {
      // The text changed (or a newer run started) while the sidecar worked: the newer run
      // publishes, from the cache this one just filled.
      this.deps.stats.staleDropped += 1;
      return false;
    }
    this.deps.failed.delete(uri);
    const model = EntityModel.build(document, entities, this.deps.analyzer.bible?.());
    state.model = model;
    state.shown = true;
    this.deps.stats.published += 1;
    this.settle(state, model);
    // Settings may have changed during the request; publish with the ones this run read.
    this.deps.analyzer.publish(model, document, settings);
    return true;
  }

  settle(state: DocState, model: EntityModel | undefined): void {
    for (const waiter of [...state.waiters]) waiter(model);
  }

  forget(uri: string, state: DocState, version: number): void {
    // Only a document that shows something needs clearing: a document of another language would
    // otherwise get an empty publication at every keystroke.
    if (state.shown) this.deps.analyzer.clear(uri);
    state.shown = false;
    state.model = undefined;
    state.skipped = version;
    state.current?.release();
    state.current = undefined;
    this.settle(state, undefined);
  }
}
