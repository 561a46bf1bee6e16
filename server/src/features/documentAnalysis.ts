// The open documents' analysis (analysis/documentAnalyzer.ts) wired to what the editor shows: a
// new model goes to the semantic tokens first, then the workspace index, the views (an
// entities-changed notification) and the diagnostics, which wait for a pause in typing.
import { MessageType, ShowMessageNotification, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EntitiesChangedNotification } from '../../../shared/lsp';
import { DocumentAnalyzer, type AnalyzerDeps } from '../analysis/documentAnalyzer';
import type { LabelExplainer } from '../entities/labels';
import type { EntityModel } from '../entities/entityModel';
import { publishesDiagnostics, toDiagnostics } from './diagnostics';
import { DEFAULT_QUIET_MS, DiagnosticsPublisher } from './diagnosticsPublisher';

export interface DocumentAnalysisDeps extends Pick<AnalyzerDeps, 'settingsFor' | 'cache' | 'cacheFor' | 'bible' | 'log'> {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  labels: LabelExplainer;
  /** Whether the client draws semantic tokens (then diagnostics are off at the default severity). */
  semanticTokens(): boolean;
  /** The features that show a model, in the order the user sees them. */
  tokens: { modelChanged(model: EntityModel): void; cleared(uri: string, open: boolean): void };
  workspace: { modelPublished(model: EntityModel): void; documentCleared(uri: string): void };
}

export function createDocumentAnalyzer(deps: DocumentAnalysisDeps): DocumentAnalyzer {
  const { connection, documents } = deps;
  // A long document's diagnostics wait for a pause in typing: see diagnosticsPublisher.ts.
  const diagnostics = new DiagnosticsPublisher({
    send: (uri, version, list) => void connection.sendDiagnostics({ uri, version, diagnostics: list }),
    isLatest: (model) => analyzer.latestModel(model.uri) === model,
    quietMs: () => (deps.semanticTokens() ? DEFAULT_QUIET_MS : 0),
  });
  const analyzer: DocumentAnalyzer = new DocumentAnalyzer({
    getDocument: (uri) => documents.get(uri),
    settingsFor: deps.settingsFor,
    cache: deps.cache,
    cacheFor: deps.cacheFor,
    publish: (model, _document, s) => {
      deps.tokens.modelChanged(model);
      deps.workspace.modelPublished(model);
      void connection.sendNotification(EntitiesChangedNotification, { uri: model.uri, version: model.version });
      // After the token answers this model resolves (they are what the user sees first).
      diagnostics.publish(model, (latest) => (publishesDiagnostics(s, deps.semanticTokens()) ? toDiagnostics(latest, s, deps.labels) : []));
    },
    clear: (uri) => {
      diagnostics.cancel(uri);
      deps.workspace.documentCleared(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      deps.tokens.cleared(uri, documents.get(uri) !== undefined);
      const version = documents.get(uri)?.version;
      if (version !== undefined) void connection.sendNotification(EntitiesChangedNotification, { uri, version });
    },
    // A notification, not window/showMessageRequest: nothing to choose, nothing to wait for.
    notify: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
    bible: deps.bible,
    log: deps.log,
  });
  return analyzer;
}
