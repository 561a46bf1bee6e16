// The entity rules as a feature of the server: the rules files read, applied and watched, their
// code actions, and the names for spelling dictionaries. server.ts creates it and forwards the
// lifecycle (initialize, initialized, configuration changes) to it.
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { InitializationOptionsSchema } from '../../../shared/lsp';
import type { AnalysisCache } from '../analysis/analysisCache';
import type { DocumentAnalyzer } from '../analysis/documentAnalyzer';
import type { CodeActionSources } from './codeActions';
import { registerEntityCodeActions } from './entityCodeActions';
import type { LabelExplainer } from '../entities/labels';
import { registerSpellingNames } from './spellingNames';
import type { Logger } from '../logger';
import type { EntityRules, EntityRulesData } from '../protocol/sidecar';
import { RulesReloader } from '../entityRules/rulesReloader';
import { RULES_DIR, RULES_FILE_NAMES, userRulesPath } from '../entityRules/rulesSources';
import { RulesWatch } from '../entityRules/rulesWatch';
import { rulesTargetFor, type EditSupport, type RulesEditTarget } from '../entityRules/rulesWorkspaceEdit';

export interface EntityRulesFeatureDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyzer: DocumentAnalyzer;
  cache: AnalysisCache;
  labels: LabelExplainer;
  /** Where the corrections join the server's other code actions. */
  codeActions: CodeActionSources;
  /** The `samsara.entities.userFile` setting (window scope). */
  userFileSetting(): Promise<string>;
  /** The `samsara.entities.allowWorkspaceRegex` setting (user settings, false when restricted). */
  allowWorkspaceRegex?(): Promise<boolean>;
  /** Sends rules to the sidecar pool. */
  apply(rules: EntityRules): Promise<EntityRulesData>;
  /** The language of the primary pool's pipeline: its rules leave out entries for other languages. */
  language?(): string;
  /** Entries for some language changed: the pools of other languages take theirs again. */
  languageRulesChanged?(): void;
  /** The rules changed: analyse the open documents again (the cache answers what did not change). */
  analyzeAll(): void;
  /** The labels the rules give changed (the token legend may need types for them). */
  labelsChanged(): void;
  /** The rules in effect changed (their hash): stores keyed by it (the workspace index) start over. */
  rulesChanged?(): void;
  log: Logger;
}

export class EntityRulesFeature {
  readonly reloader: RulesReloader;
  private readonly watch: RulesWatch;
  private folders: string[] = [];
  private canAskFolders = false;
  private labelPicker = false;
  private edits: EditSupport = { documentChanges: false, createFiles: false };

  constructor(private readonly deps: EntityRulesFeatureDeps) {
    this.watch = new RulesWatch(deps.connection, deps.log);
    this.reloader = new RulesReloader({
      folders: () => this.workspaceFolders(),
      userFileSetting: deps.userFileSetting,
      allowWorkspaceRegex: deps.allowWorkspaceRegex,
      apply: deps.apply,
      language: deps.language,
      languageRulesChanged: () => {
        deps.languageRulesChanged?.();
        deps.analyzeAll();
      },
      rulesChanged: (hash, change) => {
        deps.cache.rulesChanged(hash, change);
        deps.labelsChanged();
        deps.analyzeAll();
        deps.rulesChanged?.();
      },
      // Names, aliases or notes changed: the models group their mentions again, so do the files' indexes.
      bibleChanged: () => {
        deps.analyzeAll();
        deps.rulesChanged?.();
      },
      publishDiagnostics: (uri, diagnostics) => void deps.connection.sendDiagnostics({ uri, diagnostics }),
      log: deps.log,
    });
    registerEntityCodeActions(
      deps.connection,
      {
        analyzer: deps.analyzer,
        documents: deps.documents,
        labels: deps.labels,
        ruleLabels: () => this.reloader.labels,
        target: (uri) => this.target(uri),
        client: () => ({ labelPicker: this.labelPicker, edits: this.edits }),
        log: deps.log,
      },
      deps.codeActions,
    );
    registerSpellingNames(deps.connection, {
      openModels: () => deps.documents.all().flatMap((d) => deps.analyzer.latestModel(d.uri) ?? []),
      rules: () => this.reloader.rules,
    });
  }

  /** The rules file a document's code actions edit (undefined: none, e.g. no folder and no user file). */
  async target(documentUri: string): Promise<RulesEditTarget | undefined> {
    return rulesTargetFor(documentUri, await this.workspaceFolders(), userRulesPath(await this.deps.userFileSetting()));
  }

  /** What the client can apply of a WorkspaceEdit. */
  get editSupport(): EditSupport {
    return this.edits;
  }

  /**
   * Watched files changed (server.ts hands every didChangeWatchedFiles here and to the workspace
   * index): a rules file created, changed or deleted, in any folder or the user's, reads them all again.
   */
  async filesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    const userFile = userRulesPath(await this.deps.userFileSetting());
    const isRulesFile = (uri: string): boolean => {
      if (!uri.startsWith('file:')) return false;
      const path = fileURLToPath(uri);
      return (
        path === userFile || (basename(dirname(path)) === RULES_DIR && (RULES_FILE_NAMES as readonly string[]).includes(basename(path)))
      );
    };
    if (params.changes.some((change) => isRulesFile(change.uri))) await this.reloader.reload('a rules file changed');
  }

  /** What the client can do, and what the server declares for the feature. */
  initialize(params: InitializeParams): Partial<ServerCapabilities> {
    const capabilities = params.capabilities;
    const options = InitializationOptionsSchema.safeParse(params.initializationOptions ?? {});
    this.labelPicker = options.success && options.data.entityLabelPicker === true;
    this.edits = {
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
    };
    this.folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.canAskFolders = capabilities.workspace?.workspaceFolders === true;
    this.watch.capabilities(capabilities.workspace?.didChangeWatchedFiles);
    return {
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
  }

  /** Reads the rules (before the sidecar workers are ready: each takes them before its first analysis). */
  async initialized(): Promise<void> {
    if (this.canAskFolders) {
      this.deps.connection.workspace.onDidChangeWorkspaceFolders(() => void this.reloader.reload('workspace folders changed'));
    }
    void this.reloader.reload('start');
    await this.watch.watch(userRulesPath(await this.deps.userFileSetting()));
  }

  async configurationChanged(): Promise<void> {
    await this.watch.watch(userRulesPath(await this.deps.userFileSetting()));
    await this.reloader.reload('settings changed');
  }

  private async workspaceFolders(): Promise<string[]> {
    if (!this.canAskFolders) return this.folders;
    const folders = await this.deps.connection.workspace.getWorkspaceFolders().catch(() => null);
    return folders ? folders.map((f) => f.uri) : this.folders;
  }
}
