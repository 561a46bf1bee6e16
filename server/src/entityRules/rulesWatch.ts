// Asks the client to watch the rules files (`workspace/didChangeWatchedFiles`, registered
// dynamically): every folder's `.samsara/entities.{yaml,yml,json}`, and the user's file, which
// may be outside the workspace (a relative pattern on its folder, where the client supports one).
// A client that cannot watch gets the rules at start, after a code action and on
// `samsara.reloadEntityRules`.
import {
  DidChangeWatchedFilesNotification,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type FileSystemWatcher,
} from 'vscode-languageserver';
import type { Logger } from '../logger';
import { RULES_WATCH_GLOB, userFileWatch } from './rulesSources';

type WatchCapabilities = NonNullable<ClientCapabilities['workspace']>['didChangeWatchedFiles'];

export class RulesWatch {
  private dynamic = false;
  private relative = false;
  private registration: Promise<Disposable | undefined> | undefined;
  private watchedUserFile: string | undefined | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
  ) {}

  capabilities(watch: WatchCapabilities): void {
    this.dynamic = watch?.dynamicRegistration === true;
    this.relative = watch?.relativePatternSupport === true;
  }

  /** (Re-)registers the watchers when the user file changed since the last registration. */
  async watch(userFile: string | undefined): Promise<void> {
    if (!this.dynamic) {
      if (this.watchedUserFile === null)
        this.log.info('The client cannot watch files: entity rules files are read at start and after code actions');
      this.watchedUserFile = userFile;
      return;
    }
    if (userFile === this.watchedUserFile) return;
    this.watchedUserFile = userFile;
    const watchers: FileSystemWatcher[] = [{ globPattern: RULES_WATCH_GLOB }];
    if (userFile) watchers.push({ globPattern: this.relative ? userFileWatch(userFile) : userFile });
    const previous = this.registration;
    this.registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).then(
      (disposable) => disposable,
      (error: unknown) => {
        this.log.warn(`The client refused to watch the entity rules files: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    );
    (await previous)?.dispose();
    await this.registration;
  }
}
