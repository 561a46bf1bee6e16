// Fills the workspace index: walks the folders (discovery.ts), and for each file found reads it,
// keys it by content, and takes its entities from the index (unchanged), the store (analysed in
// an earlier session) or the sidecar pool at the scan priority (below everything an open document
// needs). A few files are in flight at once, enough to fill the pool's batches. Files the user
// has open are skipped: their live model is in the index instead.
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type CancellationToken } from 'vscode-languageserver';
import type { WorkspaceIndexStats } from '../../../shared/lsp';
import { AnalysisCancelled } from '../analysis/scheduler';
import type { AnalysisCache } from '../analysis/analysisCache';
import type { Logger } from '../logger';
import { walkFolder, type Found } from './discovery';

/** What a file may be read from and how much of it (see boundedRead.ts). */
export interface ReadBounds {
  root: string;
  maxBytes: number;
}
/** Where a file of the scan lives: its bounds, and its folder's samsara.language (absent: the window's). */
export type FileScope = ReadBounds & { language?: FolderLanguage };
import { analyseText, contentKey, readText } from './fileAnalysis';
import type { ScanRules } from './fileRules';
import { folderLanguageSetting, type FolderLanguage } from './folderLanguage';
import type { IndexStore } from './indexStore';
import type { WorkspaceIndex } from './workspaceIndex';

export interface ScanTarget {
  /** File-system path of a workspace folder. */
  folder: string;
  rules: ScanRules;
  /** The folder's samsara.language and its editor-language overrides. */
  language?: FolderLanguage;
}

export interface ScanProgress {
  report(done: number, found: number): void;
}

export interface ScannerDeps {
  cache: AnalysisCache;
  /**
   * The file's language (setting, front matter, detection) and the cache of the pipeline that
   * speaks it, as for open documents (undefined cache: no installed pipeline does). Absent:
   * every file goes to `cache`.
   */
  route?(
    uri: string,
    text: string,
    languageId: string,
    /** samsara.language where the file lives (folder, editor-language override); absent: the window's. */
    setting?: string,
  ): Promise<{ language: string; cache: AnalysisCache | undefined }>;
  store: IndexStore;
  index: WorkspaceIndex;
  isOpen(uri: string): boolean;
  log: Logger;
}

/** How one file was served, or why it was not. */
export type FileOutcome = 'store' | 'analyzed' | 'unchanged' | 'open' | 'unreadable' | 'failed' | 'cancelled' | 'noPipeline';

/** Files read and analysed at once (each asks the pool for all of its blocks). */
const FILES_IN_FLIGHT = 8;

type Counters = Omit<WorkspaceIndexStats, 'enabled' | 'indexedFiles' | 'indexedEntities' | 'store'>;
type FileCounts = Omit<Counters, 'scanning' | 'scans'>;

/** The per-scan file counts at the start of a scan. */
function noFiles(): FileCounts {
  return { filesFound: 0, filesFromStore: 0, filesAnalyzed: 0, filesUnchanged: 0, filesTooLarge: 0, filesUnreadable: 0, filesFailed: 0 };
}

export class WorkspaceScanner {
  private current: { source: CancellationTokenSource; done: Promise<boolean> } | undefined;
  readonly counters: Counters = {
    scanning: false,
    scans: 0,
    ...noFiles(),
  };

  constructor(private readonly deps: ScannerDeps) {}

  get scanning(): boolean {
    return this.current !== undefined;
  }

  /**
   * Scans `targets` (cancelling a scan under way first). Resolves true when the scan went through,
   * false when it was cancelled. Files of the index no longer found are dropped after a full scan.
   */
  async scan(targets: readonly ScanTarget[], progress: ScanProgress, token?: CancellationToken): Promise<boolean> {
    await this.cancel();
    const source = new CancellationTokenSource();
    const forwarded = token?.onCancellationRequested(() => source.cancel());
    const done = this.run(targets, progress, source.token).finally(() => forwarded?.dispose());
    const current = { source, done };
    this.current = current;
    this.counters.scanning = true;
    try {
      return await done;
    } finally {
      if (this.current === current) {
        this.current = undefined;
        this.counters.scanning = false;
      }
    }
  }

  /** Stops the scan under way (what it indexed stays). */
  async cancel(): Promise<void> {
    const current = this.current;
    if (!current) return;
    current.source.cancel();
    await current.done.catch(() => undefined);
  }

  /**
   * One file, now (a watcher saw it change, or its document closed). Never throws. `scope`: its
   * folder (the file's real path must be inside), the size cap by the bytes actually read, and the
   * folder's language setting.
   */
  async indexFile(path: string, languageId: string, scope: FileScope, token?: CancellationToken): Promise<FileOutcome> {
    const uri = pathToFileURL(path).href;
    let text: string;
    try {
      if (this.deps.isOpen(uri)) return 'open';
      text = await readText(path, scope.maxBytes, scope.root);
    } catch (error) {
      this.deps.log.debug(`Workspace index: ${path} cannot be read: ${messageOf(error)}`);
      return 'unreadable';
    }
    try {
      const setting = scope.language ? folderLanguageSetting(scope.language, languageId) : undefined;
      return await this.index(uri, text, languageId, setting, token);
    } catch (error) {
      if (error instanceof AnalysisCancelled || token?.isCancellationRequested) return 'cancelled';
      this.deps.log.debug(`Workspace index: ${path} not analysed: ${messageOf(error)}`);
      return 'failed';
    }
  }

  private async run(targets: readonly ScanTarget[], progress: ScanProgress, token: CancellationToken): Promise<boolean> {
    const c = this.counters;
    c.scans += 1;
    Object.assign(c, noFiles());
    const started = performance.now();
    const seen = new Set<string>();
    let done = 0;
    const files = this.found(targets, token);
    const lane = async (): Promise<void> => {
      for (let next = await files.next(); !next.done; next = await files.next()) {
        const found = next.value;
        const uri = pathToFileURL(found.path).href;
        seen.add(uri);
        const outcome = await this.indexFile(found.path, found.languageId, found.bounds, token);
        if (outcome === 'store') c.filesFromStore += 1;
        else if (outcome === 'analyzed') c.filesAnalyzed += 1;
        else if (outcome === 'unchanged') c.filesUnchanged += 1;
        else if (outcome === 'unreadable') c.filesUnreadable += 1;
        else if (outcome === 'failed') c.filesFailed += 1;
        done += 1;
        progress.report(done, c.filesFound);
      }
    };
    await Promise.all(Array.from({ length: FILES_IN_FLIGHT }, lane));
    if (token.isCancellationRequested) {
      this.deps.log.info(`Workspace scan cancelled after ${done} of ${c.filesFound} files`);
      return false;
    }
    for (const uri of [...this.deps.index.uris()]) {
      if (!seen.has(uri) && this.deps.index.get(uri)?.source === 'disk') this.deps.index.delete(uri);
    }
    await this.deps.store.save();
    this.deps.log.info(
      `Workspace scan: ${c.filesFound} files in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
        `(${c.filesAnalyzed} analysed, ${c.filesFromStore} from the store, ${c.filesUnchanged} unchanged; ` +
        `${c.filesTooLarge} over the size cap, ${c.filesUnreadable} unreadable, ${c.filesFailed} failed)`,
    );
    return true;
  }

  /** The files of every target, counted as they are found; the others counted and logged. */
  private async *found(
    targets: readonly ScanTarget[],
    token: CancellationToken,
  ): AsyncGenerator<Found & { kind: 'file'; bounds: FileScope }> {
    for (const target of targets) {
      for await (const found of walkFolder(target.folder, target.rules, { cancelled: () => token.isCancellationRequested })) {
        if (token.isCancellationRequested) return;
        if (found.kind === 'tooLarge') {
          this.counters.filesTooLarge += 1;
          this.deps.log.debug(`Workspace scan: ${found.path} left out (${found.bytes} bytes, over samsara.workspace.maxFileSize)`);
        } else if (found.kind === 'unreadable') {
          this.counters.filesUnreadable += 1;
          this.deps.log.debug(`Workspace scan: ${found.path} cannot be read: ${found.message}`);
        } else {
          this.counters.filesFound += 1;
          yield {
            ...found,
            bounds: { root: target.folder, maxBytes: target.rules.maxFileBytes, ...(target.language ? { language: target.language } : {}) },
          };
        }
      }
    }
  }

  private async index(
    uri: string,
    text: string,
    languageId: string,
    setting: string | undefined,
    token?: CancellationToken,
  ): Promise<FileOutcome> {
    const { index, store, isOpen } = this.deps;
    const route = await this.deps.route?.(uri, text, languageId, setting);
    // The same text gives other entities in another language's pipeline: stored apart.
    const key = route ? `${route.language}:${contentKey(text, languageId)}` : contentKey(text, languageId);
    const current = index.get(uri);
    if (current?.source === 'disk' && current.contentKey === key) {
      store.get(key); // still in use: kept first when the store is trimmed
      return 'unchanged';
    }
    const stored = store.get(key);
    if (stored && stored.every((entity) => entity.end <= text.length)) {
      index.setFromText(uri, key, text, stored);
      return 'store';
    }
    if (token?.isCancellationRequested) return 'cancelled';
    const cache = route ? route.cache : this.deps.cache;
    if (!cache) {
      this.deps.log.debug(
        `Workspace scan: ${uri} is in a language (${route?.language ?? '?'}) no installed language model speaks: left out`,
      );
      return 'noPipeline';
    }
    const entities = await analyseText(text, languageId, cache, { group: uri, priority: 'scan', ...(token ? { token } : {}) });
    store.put(key, entities);
    // Opened meanwhile: the live model is in the index, and stays.
    if (isOpen(uri)) return 'open';
    index.setFromText(uri, key, text, entities);
    return 'analyzed';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
