// What the document analyzer is given (the documents, settings, caches, where models go) and what
// it counts: shared by the analyzer and the two halves it hands work to (analysisGate.ts,
// runOutcome.ts), so that none of them imports another for its types.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntityModel } from '../entities/entityModel';
import type { StoryBible } from '../entities/storyBible';
import type { Logger } from '../logger';
import type { SamsaraSettings } from '../settings/settings';
import type { AnalysisCache } from './analysisCache';

export interface AnalyzerDeps {
  getDocument(uri: string): TextDocument | undefined;
  settingsFor(uri: string): Promise<SamsaraSettings>;
  cache: AnalysisCache;
  /**
   * The cache whose pipeline speaks this document's language (server/src/sidecar/languageRouter),
   * or undefined when no pipeline does: the document is then not analysed. Absent: `cache`.
   */
  cacheFor?(uri: string, text: string, languageId: string, settings: SamsaraSettings): Promise<AnalysisCache | undefined>;
  /** A new model of the document at its current version. */
  publish(model: EntityModel, document: TextDocument, settings: SamsaraSettings): void;
  /** The document is no longer analysed (closed, disabled, too large): views drop what they show. */
  clear(uri: string): void;
  /** A message for the user (window/showMessage), for what they should know without a log. */
  notify(message: string): void;
  /** The story bible mentions are grouped by (entity rules' entries and aliases). */
  bible?(): StoryBible;
  log: Logger;
}

export interface AnalyzerStats {
  runs: number;
  published: number;
  staleDropped: number;
  skippedTooLarge: number;
  failed: number;
  /** Runs whose units with an edited context were checked after showing their previous entities; of those, runs whose entities changed. */
  neighbourChecks: number;
  neighbourCorrections: number;
}
