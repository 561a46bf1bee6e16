// Semantic tokens, the highlighting channel: every entity of the model becomes a token of its
// label's type. `full` waits for the model of the current version; `full/delta` answers with the
// edit from the client's previous result (kept per document); `range` answers the visible screen
// from the blocks it covers, analysed ahead of the rest of the document. When a model changes
// without an edit (settings, a new sidecar model) the client is asked to refresh.
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type SemanticTokens,
  type SemanticTokensDelta,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntityModel } from '../entities/entityModel';
import type { DocumentAnalyzer } from '../analysis/documentAnalyzer';
import { encodeTokens, tokenEdits } from './tokenEncoding';
import type { LegendIndex } from './tokenLegend';
import type { Logger } from '../logger';

export interface SemanticTokensDeps {
  analyzer: Pick<DocumentAnalyzer, 'modelFor' | 'entitiesIn' | 'currentModel'>;
  documents: Pick<TextDocuments<TextDocument>, 'get'>;
  legend(): LegendIndex;
  /** Whether the client supports workspace/semanticTokens/refresh. */
  canRefresh(): boolean;
  refresh(): void;
  /** Where the first answer with entities is noted (a cold start's last server-side step). */
  log?: Logger;
}

export interface TokenStats {
  /** Answers to full, full/delta (as edits, or whole when the previous result was unknown) and range. */
  full: number;
  deltas: number;
  deltaFallbacks: number;
  ranges: number;
  refreshes: number;
}

interface Served {
  resultId: string;
  data: number[];
  version: number;
}

export class SemanticTokensFeature {
  private readonly served = new Map<string, Served>();
  /** Full and delta requests waiting for a model, by document. */
  private readonly waiting = new Map<string, number>();
  /** Documents answered from part of an analysis (a range before the model), with that version. */
  private readonly partial = new Map<string, number>();
  private readonly encoded = new WeakMap<EntityModel, { legend: LegendIndex; data: number[] }>();
  private nextId = 0;
  private refreshQueued = false;
  private firstNoted = false;
  readonly stats: TokenStats = { full: 0, deltas: 0, deltaFallbacks: 0, ranges: 0, refreshes: 0 };

  constructor(private readonly deps: SemanticTokensDeps) {}

  register(connection: Connection): void {
    connection.languages.semanticTokens.on((params, token) => this.full(params.textDocument.uri, token));
    connection.languages.semanticTokens.onDelta((params, token) => this.delta(params.textDocument.uri, params.previousResultId, token));
    connection.languages.semanticTokens.onRange((params) => {
      const document = this.deps.documents.get(params.textDocument.uri);
      if (!document) return { data: [] };
      return this.range(document, document.offsetAt(params.range.start), document.offsetAt(params.range.end));
    });
  }

  async full(uri: string, token?: CancellationToken): Promise<SemanticTokens> {
    const { data, version } = await this.current(uri, token);
    this.stats.full += 1;
    this.noteFirst(uri, data, 'full');
    return this.remember(uri, data, version);
  }

  async delta(uri: string, previousResultId: string, token?: CancellationToken): Promise<SemanticTokens | SemanticTokensDelta> {
    const { data, version } = await this.current(uri, token);
    this.noteFirst(uri, data, 'delta');
    const previous = this.served.get(uri);
    const result = this.remember(uri, data, version);
    if (previous?.resultId !== previousResultId) {
      this.stats.deltaFallbacks += 1;
      return result;
    }
    this.stats.deltas += 1;
    return { resultId: result.resultId, edits: tokenEdits(previous.data, data) };
  }

  /** Tokens of [start, end) of the document's current version. */
  async range(document: TextDocument, start: number, end: number): Promise<SemanticTokens> {
    const found = await this.deps.analyzer.entitiesIn(document.uri, start, end);
    this.stats.ranges += 1;
    if (!found) return { data: [] };
    const current = this.deps.documents.get(document.uri);
    if (current?.version !== found.version) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document changed');
    if (!this.deps.analyzer.currentModel(document.uri)) this.partial.set(document.uri, found.version);
    const data = encodeTokens(current, found.entities, this.deps.legend().typeOf);
    this.noteFirst(document.uri, data, 'range');
    return { data };
  }

  /** A new model: refresh the client if it shows tokens of the same version that are now wrong. */
  modelChanged(model: EntityModel): void {
    const uri = model.uri;
    const served = this.served.get(uri);
    const partial = this.partial.get(uri) === model.version && !this.waiting.get(uri);
    this.partial.delete(uri);
    if (served?.version === model.version && !sameData(served.data, this.encode(model))) this.queueRefresh();
    else if (partial) this.queueRefresh();
  }

  /** The document is not analysed any more (closed, disabled): tokens it showed go. */
  cleared(uri: string, stillOpen: boolean): void {
    const served = this.served.get(uri);
    this.served.delete(uri);
    this.partial.delete(uri);
    if (stillOpen && served && served.data.length > 0) this.queueRefresh();
  }

  /** The legend changed: every result was computed with the old one. */
  legendChanged(): void {
    const anyServed = this.served.size > 0;
    this.served.clear();
    if (anyServed) this.queueRefresh();
  }

  private async current(uri: string, token?: CancellationToken): Promise<{ data: number[]; version: number }> {
    this.waiting.set(uri, (this.waiting.get(uri) ?? 0) + 1);
    let model: EntityModel | undefined;
    try {
      model = await this.deps.analyzer.modelFor(uri, token);
    } finally {
      const left = (this.waiting.get(uri) ?? 1) - 1;
      if (left > 0) this.waiting.set(uri, left);
      else this.waiting.delete(uri);
    }
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled');
    if (model) return { data: this.encode(model), version: model.version };
    return { data: [], version: this.deps.documents.get(uri)?.version ?? -1 };
  }

  private encode(model: EntityModel): number[] {
    const legend = this.deps.legend();
    const cached = this.encoded.get(model);
    if (cached?.legend === legend) return cached.data;
    const document = this.deps.documents.get(model.uri);
    // The model holds its ranges; the document is only read for entities across lines.
    const data = document ? encodeTokens(document, model.entities, legend.typeOf) : [];
    this.encoded.set(model, { legend, data });
    return data;
  }

  private noteFirst(uri: string, data: readonly number[], kind: string): void {
    if (this.firstNoted || data.length === 0) return;
    this.firstNoted = true;
    const ms = Math.round(process.uptime() * 1000);
    this.deps.log?.info(`First coloured entities: ${data.length / 5} in ${uri} (${kind}), ${ms} ms after the server started`);
  }

  private remember(uri: string, data: number[], version: number): SemanticTokens {
    const resultId = String(++this.nextId);
    this.served.set(uri, { resultId, data, version });
    return { resultId, data };
  }

  private queueRefresh(): void {
    if (!this.deps.canRefresh() || this.refreshQueued) return;
    this.refreshQueued = true;
    // One refresh for every model of a configuration change, not one per document.
    setImmediate(() => {
      this.refreshQueued = false;
      this.stats.refreshes += 1;
      this.deps.refresh();
    });
  }
}

function sameData(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
