// Whether a document is analysed, and by which pipeline: Samsara on and the document's language
// among samsara.languages; its size within analysis.maxDocumentSize (the writer is told once, while
// it stays too large, then only the log); a pipeline for the language it is written in (the
// language router's cache); its format's parser loaded (on its first document, see
// text/formats/parsers.ts). A document that is not analysed has its results forgotten.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SamsaraSettings } from '../settings/settings';
import { isAnalysedLanguage } from '../text/languages';
import { proseReady } from '../text/proseExtractor';
import type { AnalysisCache } from './analysisCache';
import type { AnalyzerDeps, AnalyzerStats } from './analyzerDeps';
import type { DocState } from './documentState';

export interface GateQuestion {
  uri: string;
  document: TextDocument;
  text: string;
  settings: SamsaraSettings;
  state: DocState;
  stats: AnalyzerStats;
}

/**
 * The cache whose pipeline analyses the document; 'skip' when it is not analysed, 'stale' when
 * `stale()` turned true while waiting (a newer run, or the document closed): the caller stops.
 */
export async function analysisGate(
  deps: Pick<AnalyzerDeps, 'cache' | 'cacheFor' | 'notify' | 'log'>,
  { uri, document, text, settings, state, stats }: GateQuestion,
  stale: () => boolean,
): Promise<AnalysisCache | 'skip' | 'stale'> {
  if (!settings.enable || !isAnalysedLanguage(settings.languages, document.languageId)) return 'skip';
  const limit = settings['analysis.maxDocumentSize'];
  if (text.length > limit) {
    stats.skippedTooLarge += 1;
    const message = `Samsara skipped ${uri}: ${text.length} characters is over the limit of ${limit} (setting samsara.analysis.maxDocumentSize).`;
    if (!state.tooLargeNotified) deps.notify(message);
    else deps.log.debug(message);
    state.tooLargeNotified = true;
    return 'skip';
  }
  state.tooLargeNotified = false;
  const cache = deps.cacheFor ? await deps.cacheFor(uri, text, document.languageId, settings) : deps.cache;
  if (stale()) return 'stale';
  if (!cache) return 'skip';
  // A format whose parser is WebAssembly has it loaded on its first document.
  const failed = await proseReady(document.languageId).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (failed !== undefined) {
    deps.log.error(`Not analysing ${uri}: the parser of its format did not load: ${failed}`);
    return 'skip';
  }
  return stale() ? 'stale' : cache;
}
