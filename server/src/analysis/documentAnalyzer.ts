// Turns open documents into entity models: debounced per document after an edit (at once when a
// view asks), its prose (text/, which leaves Markdown code, front matter and URLs out) split into
// blocks whose results are cached by content, and published only if the document is still at the
// analysed version. After an edit, a unit whose context alone changed (the edit was within its
// context words) shows its previous entities in the first model, and is checked once typing
// pauses (analysis.debounceMs); the model is published again if they changed (documentRun.ts).
// Views wait here for the model of the current version (modelFor), or for the entities of one
// range before the rest (entitiesIn). Whether a document is analysed at all is analysisGate.ts;
// what becomes of a run (published, failed, checked again after an edit) is runOutcome.ts.
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { earlyScreenCut, editPolicy, FIRST_SCREEN_LINES, openPolicy, allInteractive } from './priorities';
import { DocumentRun } from './documentRun';
import { visibleLabels } from '../entities/visibleLabels';
import type { EntityModel, DocumentEntity } from '../entities/entityModel';
import type { SamsaraSettings } from '../settings/settings';
import { blocksOf, newDocState, proseOf, type DocState, type EarlyScreen } from './documentState';
import { newTrace, sinceStart } from './runTrace';
import { RunOutcomes } from './runOutcome';
import { analysisGate } from './analysisGate';
import type { AnalyzerDeps, AnalyzerStats } from './analyzerDeps';

export type { AnalyzerDeps, AnalyzerStats } from './analyzerDeps';
import type { RunTrace } from '../../../shared/lsp';

/** Why a run starts: it decides what goes to the sidecar first. */
export type RunReason = 'open' | 'edit' | 'refresh';

export class DocumentAnalyzer {
  private readonly docs = new Map<string, DocState>();
  /** Documents whose last run failed for want of a sidecar: re-run when it is ready. */
  private readonly failed = new Set<string>();
  readonly stats: AnalyzerStats = {
    runs: 0,
    published: 0,
    staleDropped: 0,
    skippedTooLarge: 0,
    failed: 0,
    neighbourChecks: 0,
    neighbourCorrections: 0,
  };
  /** Where the time of the latest run went (samsara/stats, for the edit bench). */
  lastRun: RunTrace | undefined;

  private readonly outcomes: RunOutcomes;

  constructor(private readonly deps: AnalyzerDeps) {
    this.outcomes = new RunOutcomes({
      analyzer: deps,
      stats: this.stats,
      failed: this.failed,
      isCurrent: (uri, state) => this.docs.get(uri) === state,
    });
  }

  /** After an edit: analyse once the user pauses for `analysis.debounceMs`. */
  schedule(uri: string): void {
    const state = this.state(uri);
    const ticket = ++state.ticket;
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    void this.deps.settingsFor(uri).then((settings) => {
      if (state.ticket !== ticket || this.docs.get(uri) !== state) return;
      state.timer = setTimeout(() => {
        state.timer = undefined;
        // A view may have asked for this version already, which started its run.
        if (state.requested !== this.deps.getDocument(uri)?.version) void this.analyze(uri, 'edit');
      }, settings['analysis.debounceMs']);
    });
  }

  /** Analyses now (on open, on a configuration change, when the sidecar comes back). */
  async analyze(uri: string, reason: RunReason = 'refresh'): Promise<void> {
    const document = this.deps.getDocument(uri);
    if (!document) return;
    const state = this.state(uri);
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    state.requested = document.version;
    const run = ++state.run;
    this.stats.runs += 1;
    const trace = newTrace(document.version, reason);
    let announceEarly!: (early: EarlyScreen | undefined) => void;
    state.early = new Promise((resolve) => (announceEarly = resolve));
    const starting = this.start(uri, state, run, reason, announceEarly, trace);
    state.starting = starting;
    void starting.finally(() => announceEarly(undefined));
    const started = await starting;
    if (started) await this.outcomes.finish(uri, state, started.run, started.settings, trace);
  }

  /** The model of the document's current version, analysing it now if needed (undefined: not analysed). */
  modelFor(uri: string, token?: CancellationToken): Promise<EntityModel | undefined> {
    const document = this.deps.getDocument(uri);
    if (!document) return Promise.resolve(undefined);
    const state = this.state(uri);
    if (state.model?.version === document.version) return Promise.resolve(state.model);
    if (state.skipped === document.version || state.failedVersion === document.version) return Promise.resolve(undefined);
    this.ensureRun(uri, state, document);
    return new Promise((resolve) => {
      const waiter = (model: EntityModel | undefined): void => {
        state.waiters.delete(waiter);
        cancelled?.dispose();
        resolve(model);
      };
      state.waiters.add(waiter);
      const cancelled = token?.onCancellationRequested(() => waiter(undefined));
    });
  }

  /**
   * The entities overlapping [start, end) of the current version, that range analysed ahead of
   * the rest of the document; undefined when the document is not analysed or the run failed.
   */
  async entitiesIn(uri: string, start: number, end: number): Promise<{ version: number; entities: DocumentEntity[] } | undefined> {
    const document = this.deps.getDocument(uri);
    if (!document) return undefined;
    const state = this.state(uri);
    const model = state.model;
    if (model?.version === document.version) return { version: model.version, entities: [...model.overlapping(start, end)] };
    this.ensureRun(uri, state, document);
    const early = await state.early;
    if (early && early.run.version === document.version && end <= early.end) {
      try {
        return { version: early.run.version, entities: await early.run.entitiesIn(start, end) };
      } catch {
        // The whole document's extraction cut the screen otherwise: its run answers.
      }
    }
    const started = await state.starting;
    if (!started || started.run.version !== document.version) return undefined;
    try {
      return { version: started.run.version, entities: await started.run.entitiesIn(start, end) };
    } catch {
      return undefined;
    }
  }

  /** The model of the document's current version, if it is ready. */
  currentModel(uri: string): EntityModel | undefined {
    const model = this.docs.get(uri)?.model;
    return model && model.version === this.deps.getDocument(uri)?.version ? model : undefined;
  }

  /** The latest model, possibly of an older version while the current one is analysed. */
  latestModel(uri: string): EntityModel | undefined {
    return this.docs.get(uri)?.model;
  }

  close(uri: string): void {
    const state = this.docs.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    state?.current?.release();
    this.docs.delete(uri);
    this.failed.delete(uri);
    if (state) this.outcomes.settle(state, undefined);
    this.deps.clear(uri);
  }

  /** Documents that could not be analysed while the sidecar was away. */
  takeFailed(): string[] {
    const uris = [...this.failed];
    this.failed.clear();
    return uris;
  }

  private ensureRun(uri: string, state: DocState, document: TextDocument): void {
    if (state.requested !== document.version) void this.analyze(uri, state.model ? 'edit' : 'open');
  }

  /** Reads the settings and starts the run's requests; undefined when nothing is to be analysed. */
  private async start(
    uri: string,
    state: DocState,
    run: number,
    reason: RunReason,
    announceEarly: (early: EarlyScreen) => void,
    trace: RunTrace,
  ): Promise<{ run: DocumentRun; settings: SamsaraSettings } | undefined> {
    const settings = await this.deps.settingsFor(uri);
    trace.settingsMs = sinceStart(trace);
    const document = this.deps.getDocument(uri);
    if (state.run !== run || !document || this.docs.get(uri) !== state) return undefined;
    const text = document.getText();
    const gate = await analysisGate(
      this.deps,
      { uri, document, text, settings, state, stats: this.stats },
      () => state.run !== run || this.docs.get(uri) !== state,
    );
    if (gate === 'stale') return undefined;
    if (gate === 'skip') {
      this.outcomes.forget(uri, state, document.version);
      return undefined;
    }
    const cache = gate;
    state.skipped = undefined;
    state.failedVersion = undefined;
    const visible = visibleLabels(settings.hiddenLabels);
    const edit = reason === 'edit' && state.model !== undefined;
    const screenEnd = document.offsetAt({ line: FIRST_SCREEN_LINES, character: 0 });
    const cut = edit ? undefined : earlyScreenCut(text, screenEnd);
    let early: DocumentRun | undefined;
    if (cut !== undefined) {
      const blocks = blocksOf(text.slice(0, cut), document.languageId);
      early = new DocumentRun({ uri, version: document.version, blocks, cache, priorityOf: allInteractive, visible });
      announceEarly({ run: early, end: cut });
      // A range request for the screen comes in before the long extraction of the rest.
      await new Promise((resolve) => setImmediate(resolve));
      if (state.run !== run || this.docs.get(uri) !== state) {
        early.release();
        return undefined;
      }
    }
    const extracting = sinceStart(trace);
    const prose = proseOf(text, document.languageId, state.prose);
    trace.extractMs = extracting + prose.extractMs;
    trace.unitsMs = sinceStart(trace);
    state.prose = prose;
    const current = new DocumentRun({
      uri,
      version: document.version,
      blocks: prose.blocks,
      cache,
      priorityOf: edit ? editPolicy() : openPolicy(screenEnd),
      visible,
      edit: edit ? { changed: prose.changed, origin: prose.layout.origin, previous: state.current } : undefined,
    });
    trace.requestedMs = sinceStart(trace);
    Object.assign(trace, { units: prose.blocks.length, ...current.sent });
    this.lastRun = trace;
    early?.release();
    // Released after the new run has claimed its blocks: the ones both need keep their place.
    state.current?.release();
    state.current = current;
    return { run: current, settings };
  }

  private state(uri: string): DocState {
    let state = this.docs.get(uri);
    if (!state) {
      state = newDocState();
      this.docs.set(uri, state);
    }
    return state;
  }
}
