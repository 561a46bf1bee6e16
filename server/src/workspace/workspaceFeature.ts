// The workspace index in the language server: loads the store once the sidecar says which
// pipeline it runs, scans the workspace folders (with $/progress the user can cancel), then keeps
// the index current from file watchers (workspace/didChangeWatchedFiles) and from the open
// documents, whose live models stand in for their files until they close.
import {
  FileChangeType,
  type CancellationToken,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type Location,
} from 'vscode-languageserver';
import { DEFAULT_HIDDEN_LABELS } from '../../../shared/entityLabels';
import { WorkspaceIndexChangedNotification, type WorkspaceIndexStats } from '../../../shared/lsp';
import type { EntityModel } from '../entities/entityModel';
import { visibleLabels } from '../entities/visibleLabels';
import type { AnalysisCache } from '../analysis/analysisCache';
import type { Logger } from '../logger';
import type { ModelLoaded } from '../protocol/sidecar';
import type { SettingsStore } from '../settings/settingsStore';
import { getConfigurationWithin } from '../settings/configurationRequest';
import { FileChanges } from './fileChanges';
import { mentionLocations, type Visible } from './indexQueries';
import { IndexStore, type StoreIdentity } from './indexStore';
import { languageFiles } from './languageFiles';
import { scanTargets } from './scanTargets';
import { storeFile } from './storageFolder';
import { WorkspaceIndex } from './workspaceIndex';
import { canonicalUri, exportName } from './workspaceUris';
import { WorkspaceScanner, type ScannerDeps, type ScanTarget } from './workspaceScanner';
import type { StoryBible } from '../entities/storyBible';

export interface WorkspaceFeatureDeps {
  connection: Connection;
  cache: AnalysisCache;
  /** Each file's language and the cache of its pipeline, as open documents are routed (see ScannerDeps.route). */
  route?: ScannerDeps['route'];
  settings(): SettingsStore;
  log: Logger;
  /** Hash of the entity rules the sidecar applies (null: none); stored results are made under it. */
  rulesHash(): string | null;
  /**
   * Resolves once the documents open now are analysed (coloured): the first scan waits for it, so
   * on a cold start the writer's screen is not queued behind the workspace's files.
   */
  openDocumentsAnalysed?(): Promise<void>;
  /** Bound of the store on disk. */
  maxStoreBytes?: number;
  /** The story bible (entity rules' entries and aliases) files read from disk are grouped by. */
  bible?(): StoryBible;
}

const NOTIFY_DELAY_MS = 300;
const PROGRESS_EVERY_MS = 250;
const LIVE_MODEL_DELAY_MS = 300;

export class WorkspaceFeature {
  readonly index: WorkspaceIndex;
  private store: IndexStore;
  private scanner: WorkspaceScanner;
  private folders: string[] = [];
  private targets: ScanTarget[] = [];
  private readonly open = new Set<string>();
  /** Models of open documents waiting to be taken into the index (modelPublished). */
  private readonly liveModels = new Map<string, EntityModel>();
  private identity: StoreIdentity | undefined;
  /** The handshake of the sidecar pool's workers (all load the same pipeline). */
  private model: ModelLoaded | undefined;
  private starting: Promise<void> | undefined;
  private enabled = false;
  private visibleLabel: Visible = visibleLabels(DEFAULT_HIDDEN_LABELS);
  private client = { progress: false, watchers: false, configuration: false };
  private readonly changes: FileChanges;
  private timers: { notify?: NodeJS.Timeout } = {};

  constructor(private readonly deps: WorkspaceFeatureDeps) {
    this.index = new WorkspaceIndex(deps.bible);
    this.store = new IndexStore(undefined, { maxBytes: deps.maxStoreBytes ?? 64_000_000, log: deps.log });
    this.scanner = this.newScanner();
    this.index.onChange(() => this.notifySoon());
    this.changes = new FileChanges({
      connection: deps.connection,
      log: deps.log,
      index: this.index,
      scanner: () => this.scanner,
      targets: () => this.targets,
      isOpen: (uri) => this.open.has(uri),
      active: () => this.enabled && this.identity !== undefined,
      rescan: () => this.scan(),
      save: () => this.store.save(),
    });
  }

  get scanning(): boolean {
    return this.scanner.scanning;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  visible(label: string): boolean {
    return this.visibleLabel(label);
  }

  initialize(params: InitializeParams): void {
    const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = uris.filter((uri) => uri.startsWith('file:'));
    const capabilities = params.capabilities;
    this.client = {
      progress: capabilities.window?.workDoneProgress === true,
      watchers: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      configuration: capabilities.workspace?.configuration === true,
    };
    this.store = new IndexStore(storeFile(params.initializationOptions, this.folders), {
      maxBytes: this.deps.maxStoreBytes ?? 64_000_000,
      log: this.deps.log,
    });
    this.scanner = this.newScanner();
  }

  /** A sidecar worker is ready: the first time, the store is read and the scan starts. */
  sidecarReady(info: ModelLoaded): Promise<void> {
    this.model = info;
    const identity: StoreIdentity = { model: info.model, modelVersion: info.model_version, rules: this.deps.rulesHash() };
    this.starting = (this.starting ?? Promise.resolve()).then(() => this.onReady(identity));
    return this.starting;
  }

  /** The entity rules in effect changed (rulesHash answers anew): results made under the old ones go. */
  /** The rules in effect changed, or the story bible did (files are grouped again: their results are cached). */
  rulesChanged(): Promise<void> {
    return this.model ? this.sidecarReady(this.model) : Promise.resolve();
  }

  /** Settings changed: the scan is turned on or off, or runs again with the new rules (cheap: contents are known). */
  async configurationChanged(): Promise<void> {
    if (this.identity) await this.scan();
  }

  /** samsara.workspace.rescan (behind the palette's Rescan Workspace): after a cancelled scan, or files changed behind the watchers' back. */
  rescan(): Promise<void> {
    return this.scan();
  }

  documentOpened(uri: string): void {
    this.open.add(canonicalUri(uri));
  }

  /**
   * A new model of an open document: it stands for the file in the index. Taken in a moment later,
   * the latest of a burst of edits only: the index is not what the user waits for after a keystroke.
   */
  modelPublished(model: EntityModel): void {
    const uri = canonicalUri(model.uri);
    if (!uri.startsWith('file:') || !this.open.has(uri)) return;
    const waiting = this.liveModels.has(uri);
    this.liveModels.set(uri, model);
    if (waiting) return;
    setTimeout(() => {
      const latest = this.liveModels.get(uri);
      this.liveModels.delete(uri);
      if (latest && this.open.has(uri)) this.index.setFromModel(latest, uri);
    }, LIVE_MODEL_DELAY_MS);
  }

  /** An open document shows no entities any more (disabled, too large): nor does the index. */
  documentCleared(uri: string): void {
    const key = canonicalUri(uri);
    if (this.open.has(key)) this.index.delete(key);
  }

  /** Closed: the file on disk (maybe without the unsaved edits) is indexed again, if the scan takes it. */
  documentClosed(uri: string): void {
    const key = canonicalUri(uri);
    if (!this.open.delete(key)) return;
    this.liveModels.delete(key);
    this.index.delete(key);
    if (this.enabled && key.startsWith('file:')) this.changes.queue(key, FileChangeType.Changed);
  }

  filesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) this.changes.queue(canonicalUri(change.uri), change.type);
  }

  /** Mentions of `key` in the files of the index other than `uri`. */
  elsewhere(key: string, uri: string): Location[] {
    return mentionLocations(this.index, key, canonicalUri(uri));
  }

  /** The workspace folders (file: URIs) the index covers. */
  get folderUris(): readonly string[] {
    return this.folders;
  }

  /** A file's name in exports. */
  fileName(uri: string): string {
    return exportName(this.folders, uri);
  }

  stats(): WorkspaceIndexStats {
    const stats: WorkspaceIndexStats = {
      enabled: this.enabled,
      ...this.scanner.counters,
      indexedFiles: this.index.fileCount,
      indexedEntities: this.index.entityCount,
    };
    if (this.store.file) stats.store = { file: this.store.file, ...this.store.stats };
    return stats;
  }

  /** Shutdown: the scan stops; what changed since the last save is written (crash-safe if cut short). */
  dispose(): void {
    void this.scanner.cancel();
    this.changes.dispose();
    clearTimeout(this.timers.notify);
    void this.store.save();
  }

  private async onReady(identity: StoreIdentity): Promise<void> {
    if (!this.identity) {
      this.identity = identity;
      await this.store.load(identity);
      if (this.client.watchers && this.folders.length > 0)
        await this.changes.register(languageFiles((await this.deps.settings().global()).languages).extensions);
      await this.deps.openDocumentsAnalysed?.();
      await this.scan();
      return;
    }
    if (!this.store.matches(identity)) {
      // Another pipeline (or new rules): nothing found so far applies.
      this.identity = identity;
      this.store.reset(identity);
      for (const uri of [...this.index.uris()]) if (this.index.get(uri)?.source === 'disk') this.index.delete(uri);
      await this.scan();
    } else if (this.scanner.counters.filesFailed > 0 && !this.scanner.scanning) {
      // Files the last scan could not analyse (the sidecar was away) are tried again.
      await this.scan();
    }
  }

  private async scan(): Promise<void> {
    const settings = await this.deps.settings().global();
    this.visibleLabel = visibleLabels(settings.hiddenLabels);
    this.enabled = settings['workspace.scan'] && this.folders.length > 0;
    if (!this.enabled) {
      await this.scanner.cancel();
      for (const uri of [...this.index.uris()]) if (this.index.get(uri)?.source === 'disk') this.index.delete(uri);
      this.notifySoon();
      return;
    }
    this.targets = await scanTargets(this.folders, {
      samsara: (uri) => this.deps.settings().forDocument(uri),
      section: (uri, section) =>
        this.client.configuration
          ? getConfigurationWithin(this.deps.connection, { scopeUri: uri, section }).catch(() => undefined)
          : Promise.resolve(undefined),
    });
    const progress = await this.progress();
    // Shown as "Samsara: indexing names · 3 of 12 files": what it does, in a writer's words.
    progress.begin('Samsara', 0, 'indexing names…', true);
    let reported = 0;
    const report = (done: number, found: number): void => {
      if (performance.now() - reported < PROGRESS_EVERY_MS) return;
      reported = performance.now();
      progress.report(found > 0 ? Math.min(99, Math.floor((100 * done) / found)) : 0, `indexing names · ${done} of ${found} files`);
    };
    try {
      await this.scanner.scan(this.targets, { report }, progress.token);
    } finally {
      progress.done();
      this.notifySoon();
    }
  }

  private async progress(): Promise<{
    begin(title: string, percentage: number, message: string, cancellable: boolean): void;
    report(percentage: number, message: string): void;
    done(): void;
    token?: CancellationToken;
  }> {
    const window = this.deps.connection.window;
    if (!this.client.progress) return window.attachWorkDoneProgress(undefined);
    return window.createWorkDoneProgress().catch(() => window.attachWorkDoneProgress(undefined));
  }

  private notifySoon(): void {
    if (this.timers.notify) return;
    this.timers.notify = setTimeout(() => {
      this.timers.notify = undefined;
      void this.deps.connection.sendNotification(WorkspaceIndexChangedNotification, {
        files: this.index.fileCount,
        scanning: this.scanner.scanning,
      });
    }, NOTIFY_DELAY_MS);
  }

  private newScanner(): WorkspaceScanner {
    return new WorkspaceScanner({
      cache: this.deps.cache,
      ...(this.deps.route ? { route: this.deps.route } : {}),
      store: this.store,
      index: this.index,
      isOpen: (uri) => this.open.has(canonicalUri(uri)),
      log: this.deps.log,
    });
  }
}
