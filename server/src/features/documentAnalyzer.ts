// Turns open documents into entity lists: debounced per document, its prose (text/, which leaves
// Markdown code, front matter and URLs out) split into blocks whose results are cached by content,
// and published only if the document is still at the analysed version.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../logger';
import type { SamsaraSettings } from '../settings/settings';
import { SidecarError } from '../sidecar/errors';
import { documentSpan } from '../text/proseBlock';
import { proseBlocks } from '../text/proseExtractor';
import type { AnalysisCache } from './analysisCache';
import type { DocumentEntity } from './diagnostics';
import { isAnalysedLanguage } from './languages';

export interface AnalyzerDeps {
  getDocument(uri: string): TextDocument | undefined;
  settingsFor(uri: string): Promise<SamsaraSettings>;
  cache: AnalysisCache;
  publish(document: TextDocument, entities: readonly DocumentEntity[], settings: SamsaraSettings): void;
  clear(uri: string): void;
  /** A message for the user (window/showMessage), for what they should know without a log. */
  notify(message: string): void;
  log: Logger;
}

export interface AnalyzerStats {
  runs: number;
  published: number;
  staleDropped: number;
  skippedTooLarge: number;
  failed: number;
}

interface DocState {
  timer: NodeJS.Timeout | undefined;
  /** Bumped by every schedule: a debounce that resolves late does not arm an older timer. */
  ticket: number;
  /** Bumped by every run: only the latest run may publish (or clear) for the document. */
  run: number;
  version: number | undefined;
  entities: readonly DocumentEntity[];
  tooLargeNotified: boolean;
  /** Whether diagnostics of this document are on display (published and not cleared since). */
  shown: boolean;
}

export class DocumentAnalyzer {
  private readonly docs = new Map<string, DocState>();
  /** Documents whose last run failed for want of a sidecar: re-run when it is ready. */
  private readonly failed = new Set<string>();
  readonly stats: AnalyzerStats = { runs: 0, published: 0, staleDropped: 0, skippedTooLarge: 0, failed: 0 };

  constructor(private readonly deps: AnalyzerDeps) {}

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
        void this.analyze(uri);
      }, settings['analysis.debounceMs']);
    });
  }

  /** Analyses now (on open, on a configuration change, when the sidecar comes back). */
  async analyze(uri: string): Promise<void> {
    const document = this.deps.getDocument(uri);
    if (!document) return;
    const state = this.state(uri);
    const version = document.version;
    const run = ++state.run;
    this.stats.runs += 1;
    const settings = await this.deps.settingsFor(uri);
    if (state.run !== run) return;
    if (!settings.enable || !isAnalysedLanguage(settings.languages, document.languageId)) {
      this.forgetResults(uri, state);
      return;
    }
    const text = document.getText();
    const limit = settings['analysis.maxDocumentSize'];
    if (text.length > limit) {
      this.stats.skippedTooLarge += 1;
      this.forgetResults(uri, state);
      const message = `Samsara skipped ${uri}: ${text.length} characters is over the limit of ${limit} (setting samsara.analysis.maxDocumentSize).`;
      if (!state.tooLargeNotified) this.deps.notify(message);
      else this.deps.log.debug(message);
      state.tooLargeNotified = true;
      return;
    }
    state.tooLargeNotified = false;
    const started = performance.now();
    const blocks = proseBlocks(text, document.languageId);
    let results;
    try {
      results = await this.deps.cache.entitiesFor(blocks.map((block) => block.text));
    } catch (error) {
      this.stats.failed += 1;
      this.failed.add(uri);
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SidecarError && error.code === 'SIDECAR_STOPPED') this.deps.log.debug(`Not analysing ${uri}: ${message}`);
      else this.deps.log.warn(`Analysis of ${uri} failed: ${message}`);
      return;
    }
    const current = this.deps.getDocument(uri);
    if (!current || current.version !== version || this.docs.get(uri) !== state || state.run !== run) {
      // The text changed (or a newer run started) while the sidecar worked: the newer run
      // publishes, from the cache this one just filled.
      this.stats.staleDropped += 1;
      return;
    }
    this.failed.delete(uri);
    const entities: DocumentEntity[] = [];
    blocks.forEach((block, i) => {
      for (const entity of results[i]) {
        // A block's prose is not a slice of the document: its offsets map back through the block.
        const span = documentSpan(block, entity.start, entity.end);
        if (span) entities.push({ label: entity.label, text: entity.text, start: span.start, end: span.end });
      }
    });
    state.version = version;
    state.entities = entities;
    state.shown = true;
    this.stats.published += 1;
    // Settings may have changed during the request; publish with the ones this run read.
    this.deps.publish(current, entities, settings);
    this.deps.log.debug(
      `Analysed ${uri} v${version}: ${blocks.length} blocks, ${entities.length} entities in ${(performance.now() - started).toFixed(1)} ms`,
    );
  }

  /** Entities of the document as last published, if they match its current version. */
  entitiesOf(uri: string): readonly DocumentEntity[] | undefined {
    const state = this.docs.get(uri);
    const document = this.deps.getDocument(uri);
    if (!state || !document || state.version !== document.version) return undefined;
    return state.entities;
  }

  close(uri: string): void {
    const state = this.docs.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    this.docs.delete(uri);
    this.failed.delete(uri);
    this.deps.clear(uri);
  }

  /** Documents that could not be analysed while the sidecar was away. */
  takeFailed(): string[] {
    const uris = [...this.failed];
    this.failed.clear();
    return uris;
  }

  private forgetResults(uri: string, state: DocState): void {
    // Only a document that shows diagnostics needs an empty publication: a document of another
    // language would otherwise get one at every keystroke.
    if (state.shown) this.deps.clear(uri);
    state.shown = false;
    state.version = undefined;
    state.entities = [];
  }

  private state(uri: string): DocState {
    let state = this.docs.get(uri);
    if (!state) {
      state = { timer: undefined, ticket: 0, run: 0, version: undefined, entities: [], tooLargeNotified: false, shown: false };
      this.docs.set(uri, state);
    }
    return state;
  }
}
