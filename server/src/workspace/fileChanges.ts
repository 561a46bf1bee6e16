// Keeps the workspace index current between scans: the file watchers the server registers
// (workspace/didChangeWatchedFiles: files of the configured languages, .gitignore files, and
// deletions of anything, since a folder deleted is one event for the folder), and documents that
// close (their file on disk may differ from what the editor showed). Changes are coalesced for a
// moment; a .gitignore changed, or a burst of changes (a branch switched), runs a full scan.
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type Connection } from 'vscode-languageserver';
import type { Logger } from '../logger';
import { admits } from './discovery';
import { watcherGlob } from './languageFiles';
import type { WorkspaceIndex } from './workspaceIndex';
import type { ScanTarget, WorkspaceScanner } from './workspaceScanner';

const CHANGES_DELAY_MS = 200;
const SAVE_DELAY_MS = 2000;
/** Files changed at once past which a full scan is simpler. */
const MAX_CHANGES_ONE_BY_ONE = 500;
const CHANGES_IN_FLIGHT = 4;

export interface FileChangesDeps {
  connection: Connection;
  log: Logger;
  index: WorkspaceIndex;
  scanner(): WorkspaceScanner;
  /** The scan's folders and rules as of the last scan. */
  targets(): readonly ScanTarget[];
  isOpen(uri: string): boolean;
  /** Whether the index follows the files now (scan on, sidecar known). */
  active(): boolean;
  rescan(): Promise<void>;
  save(): Promise<void>;
}

export class FileChanges {
  private readonly pending = new Map<string, FileChangeType>();
  private timers: { changes?: NodeJS.Timeout; save?: NodeJS.Timeout } = {};

  constructor(private readonly deps: FileChangesDeps) {}

  /** Asks the client to watch the files of these extensions (and .gitignore files, and deletions). */
  async register(extensions: readonly string[]): Promise<void> {
    const watchers = [
      { globPattern: '**/.gitignore' },
      ...(extensions.length > 0 ? [{ globPattern: watcherGlob(extensions) }] : []),
      { globPattern: '**/*', kind: WatchKind.Delete },
    ];
    await this.deps.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((error: unknown) => {
      this.deps.log.warn(`File watchers not registered: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** A file (canonical URI) changed, was created or deleted. */
  queue(uri: string, type: FileChangeType): void {
    this.pending.set(uri, type);
    clearTimeout(this.timers.changes);
    this.timers.changes = setTimeout(() => void this.apply(), CHANGES_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.timers.changes);
    clearTimeout(this.timers.save);
  }

  private async apply(): Promise<void> {
    const changes = [...this.pending];
    this.pending.clear();
    if (!this.deps.active()) return;
    if (changes.length > MAX_CHANGES_ONE_BY_ONE || changes.some(([uri]) => uri.endsWith('/.gitignore'))) {
      await this.deps.rescan();
      return;
    }
    const lane = async (): Promise<void> => {
      for (let next = changes.shift(); next; next = changes.shift()) await this.applyOne(...next);
    };
    await Promise.all(Array.from({ length: CHANGES_IN_FLIGHT }, lane));
    clearTimeout(this.timers.save);
    this.timers.save = setTimeout(() => void this.deps.save(), SAVE_DELAY_MS);
  }

  private async applyOne(uri: string, type: FileChangeType): Promise<void> {
    const { index, isOpen } = this.deps;
    if (isOpen(uri) || !uri.startsWith('file:')) return;
    if (type === FileChangeType.Deleted && !index.get(uri)) {
      // A folder deleted (or renamed away): one event for the folder, none for its files.
      for (const indexed of [...index.uris()]) if (indexed.startsWith(`${uri}/`) && !isOpen(indexed)) index.delete(indexed);
      return;
    }
    const path = fileURLToPath(uri);
    const target = this.deps.targets().find((t) => !relative(t.folder, path).startsWith('..'));
    const languageId =
      target && type !== FileChangeType.Deleted
        ? await admits(target.folder, relative(target.folder, path).split(sep).join('/'), target.rules)
        : undefined;
    // The watcher's files are bounded like the scan's: confined to the folder, capped by bytes read;
    // and read in the folder's language setting.
    const bounds = target
      ? { root: target.folder, maxBytes: target.rules.maxFileBytes, ...(target.language ? { language: target.language } : {}) }
      : undefined;
    const outcome = languageId && bounds ? await this.deps.scanner().indexFile(path, languageId, bounds) : undefined;
    if (!languageId || outcome === 'unreadable') index.delete(uri);
  }
}
