// The open documents' lifecycle, fanned out to the features: an open is analysed at once, an edit
// after the debounce, a close forgets the document everywhere; watched files go to both features
// that watch them (one handler per notification on a connection).
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyzer } from '../analysis/documentAnalyzer';
import type { EntityRulesFeature } from './entityRules';
import type { LanguagePipelines } from './languagePipelines';
import type { SettingsStore } from '../settings/settingsStore';
import type { WorkspaceFeature } from '../workspace/workspaceFeature';

export interface DocumentEventsDeps {
  analyzer: DocumentAnalyzer;
  workspace: WorkspaceFeature;
  entityRules: EntityRulesFeature;
  settings(): SettingsStore;
  pipelines(): LanguagePipelines | undefined;
}

export function registerDocumentEvents(connection: Connection, documents: TextDocuments<TextDocument>, deps: DocumentEventsDeps): void {
  const { analyzer, workspace, entityRules } = deps;
  // TextDocuments fires onDidChangeContent for an open as well: an open is analysed at once, an
  // edit after the debounce (or at once when a view asks for the new version).
  const opening = new Set<string>();
  documents.onDidOpen((event) => {
    opening.add(event.document.uri);
    workspace.documentOpened(event.document.uri);
    void analyzer.analyze(event.document.uri, 'open');
  });
  documents.onDidChangeContent((event) => {
    if (opening.delete(event.document.uri)) return;
    analyzer.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    opening.delete(event.document.uri);
    analyzer.close(event.document.uri);
    deps.settings().forget(event.document.uri);
    deps.pipelines()?.closed(event.document.uri);
    workspace.documentClosed(event.document.uri);
  });
  // One handler per notification on a connection: both features that watch files get every change.
  connection.onDidChangeWatchedFiles((params) => {
    workspace.filesChanged(params);
    void entityRules.filesChanged(params);
  });
}
