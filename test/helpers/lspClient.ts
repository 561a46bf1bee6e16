// A real LSP client for tests: spawns `node dist/server.js --stdio`, speaks JSON-RPC over its
// stdio, answers `workspace/configuration` from a settings object the test controls, and records
// diagnostics, sidecar status notifications, work-done progress, log and user messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type MessageConnection,
  type ProgressToken,
} from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Command,
  ConfigurationParams,
  Diagnostic,
  Hover,
  InitializeParams,
  InitializeResult,
  LogMessageParams,
  Position,
  PublishDiagnosticsParams,
  Range,
  Registration,
  RegistrationParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
  WorkspaceFolder,
} from 'vscode-languageserver';
import {
  EntitiesChangedNotification,
  SidecarStatusNotification,
  StatsRequest,
  type SamsaraStats,
  type SidecarStatusParams,
} from '../../shared/lsp';
import { SERVER_NODE_ARGS } from '../../shared/serverProcess';
import { ensureServerBuilt, repoRoot, serverBundle } from './paths';
import { waitFor } from './waitFor';

export interface LspClientOptions {
  /** The `samsara` section, nested as VS Code sends it. */
  settings?: Record<string, unknown>;
  /** Extra environment of the server (and, for SAMSARA_* variables, of its sidecar). */
  env?: NodeJS.ProcessEnv;
  /** Pretend the client cannot answer workspace/configuration. */
  noConfigurationSupport?: boolean;
  /** Advertise workspace/configuration but never answer it (a stalled or buggy client). */
  neverAnswerConfiguration?: boolean;
  traceVerbose?: boolean;
  /** Extra node flags for the server process (e.g. --cpu-prof when profiling). */
  nodeArgs?: string[];
  /** A folder opened as the workspace: sent as rootUri/workspaceFolders and served on workspace/workspaceFolders. */
  workspaceFolder?: string;
  /** hover.contentFormat (default: markdown, then plaintext). */
  hoverFormats?: string[];
  /** Declare semantic tokens as dynamically registered (default: static, from initialize). */
  dynamicSemanticTokens?: boolean;
  /**
   * Declare textDocument.semanticTokens (default: not declared; the tokens are asked for all the
   * same). A client that declares them gets no diagnostics at the default severity Hint.
   */
  semanticTokens?: boolean;
  /** Where the workspace index is stored (default: a fresh temporary folder, never the user's cache). */
  workspaceStorageFolder?: string;
  /** Answers for configuration sections other than `samsara` (e.g. `files.exclude`). */
  sections?: Record<string, unknown>;
  /** Declare that the client watches files the server registers (workspace/didChangeWatchedFiles). */
  watchFiles?: boolean;
  /** Merged into the initializationOptions sent (e.g. `{ entityLabelPicker: true }`). */
  initializationOptions?: Record<string, unknown>;
  /** Another build's server bundle (a bench's baseline); default dist/server.js, built if stale. */
  serverBundle?: string;
}

/** A `$/progress` notification for a work-done token. */
export interface ProgressEvent {
  token: ProgressToken;
  value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

export class LspTestClient {
  settings: Record<string, unknown>;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: SidecarStatusParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly shown: ShowMessageParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly registrations: Registration[] = [];
  readonly entitiesChanged: { uri: string; version: number }[] = [];
  configurationRequests = 0;
  tokenRefreshes = 0;
  stderr = '';
  /** Every byte the server wrote to its stdout (the LSP stream), for tests that scan all of it. */
  rawOutput = '';
  initializeResult!: InitializeResult;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitedValue: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly publishListeners = new Set<(params: PublishDiagnosticsParams, at: number) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    options: LspClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exitedValue = { code, signal };
        resolve(this.exitedValue);
      }),
    );
    child.stderr?.on('data', (data: Buffer) => {
      this.stderr = (this.stderr + data.toString('utf8')).slice(-20_000);
    });
    child.stdout?.on('data', (data: Buffer) => {
      this.rawOutput = (this.rawOutput + data.toString('utf8')).slice(-5_000_000);
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests += 1;
      if (options.neverAnswerConfiguration) return new Promise<never>(() => undefined);
      return params.items.map((item) =>
        item.section !== undefined && options.sections && Object.hasOwn(options.sections, item.section)
          ? options.sections[item.section]
          : this.configurationSection(item.section),
      );
    });
    // Only a client that advertises workspaceFolders (see start) serves the request.
    const folders = workspaceFolders(options.workspaceFolder);
    if (folders) connection.onRequest('workspace/workspaceFolders', () => folders);
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => {
      this.tokenRefreshes += 1;
      return null;
    });
    connection.onNotification(EntitiesChangedNotification, (params) => this.entitiesChanged.push(params));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const at = performance.now();
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      for (const listener of [...this.publishListeners]) listener(params, at);
    });
    connection.onNotification(SidecarStatusNotification, (params: SidecarStatusParams) => this.statuses.push(params));
    connection.onNotification('window/logMessage', (params: LogMessageParams) => this.logs.push(params));
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => this.shown.push(params));
    connection.onNotification('$/progress', (params: ProgressEvent) => this.progress.push(params));
    connection.listen();
  }

  static async start(options: LspClientOptions = {}): Promise<LspTestClient> {
    if (!options.serverBundle) ensureServerBuilt();
    const child = spawn(
      process.execPath,
      [...SERVER_NODE_ARGS, ...(options.nodeArgs ?? []), options.serverBundle ?? serverBundle, '--stdio'],
      {
        cwd: repoRoot,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    if (!child.stdout || !child.stdin) throw new Error('no stdio on the server process');
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    // A server that dies mid-test closes the stream; the test sees it through `exited`.
    connection.onError(() => undefined);
    const client = new LspTestClient(child, connection, options);
    const folders = workspaceFolders(options.workspaceFolder);
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: folders?.[0].uri ?? null,
      workspaceFolders: folders,
      trace: options.traceVerbose ? 'verbose' : 'off',
      // Transcripts of probes without a workspace folder go here, never into the user's home.
      initializationOptions: {
        transcriptFallbackFolder: mkdtempSync(join(tmpdir(), 'samsara-transcripts-')),
        // The workspace index of a test never goes to the user's cache folder.
        workspaceStorageFolder: options.workspaceStorageFolder ?? mkdtempSync(join(tmpdir(), 'samsara-storage-')),
        ...options.initializationOptions,
      },
      capabilities: {
        workspace: {
          configuration: !options.noConfigurationSupport,
          didChangeConfiguration: { dynamicRegistration: true },
          semanticTokens: { refreshSupport: true },
          workspaceEdit: {
            documentChanges: true,
            resourceOperations: ['create', 'rename', 'delete'],
            // As VS Code: a rename's groups of edits can carry labels and ask for confirmation.
            changeAnnotationSupport: { groupsOnLabel: true },
          },
          didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? true, relativePatternSupport: true },
          ...(folders ? { workspaceFolders: true } : {}),
        },
        window: { workDoneProgress: true },
        textDocument: {
          hover: { contentFormat: (options.hoverFormats ?? ['markdown', 'plaintext']) as ('markdown' | 'plaintext')[] },
          publishDiagnostics: { versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          ...(options.semanticTokens || options.dynamicSemanticTokens
            ? {
                semanticTokens: {
                  dynamicRegistration: options.dynamicSemanticTokens === true,
                  requests: { full: { delta: true }, range: true },
                  tokenTypes: [],
                  tokenModifiers: [],
                  formats: ['relative'],
                },
              }
            : {}),
        },
      },
    };
    // A server that dies while starting must fail the test, not leave it waiting for an answer.
    const died = client.exited.then(() => {
      throw new Error(`the server exited during initialize: ${client.deathNotice() ?? ''}`);
    });
    client.initializeResult = await Promise.race([connection.sendRequest<InitializeResult>('initialize', params), died]);
    await connection.sendNotification('initialized', {});
    return client;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('server has no pid');
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitedValue !== undefined;
  }

  async open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  /** Any request, optionally cancellable (a cancelled token sends $/cancelRequest). */
  request<T>(method: string, params: unknown, token?: CancellationToken): Promise<T> {
    return token ? this.connection.sendRequest<T>(method, params, token) : this.connection.sendRequest<T>(method, params);
  }

  /** Any notification (e.g. `exit`, after a `shutdown` sent with `request`). */
  notify(method: string, params?: unknown): Promise<void> {
    return params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params);
  }

  /** What a client watching files sends when a watched file was created (1), changed (2) or deleted (3). */
  didChangeWatchedFiles(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = []): Promise<(CodeAction | Command)[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  executeCommand(command: string, args: unknown[] = []): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** Listens to one server notification (those the client does not record itself). */
  onNotification<P>(method: string, handler: (params: P) => void): { dispose(): void } {
    return this.connection.onNotification(method, handler);
  }

  stats(): Promise<SamsaraStats> {
    return this.connection.sendRequest(StatsRequest);
  }

  /** Replaces the settings and tells the server, as VS Code does (it then pulls). */
  async updateSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { samsara: settings } });
  }

  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  /** Waits for a publication for `uri` (after the `after`-th one) that satisfies `predicate`. */
  waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    options: { timeoutMs?: number; after?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    return waitFor(() => (this.diagnostics.get(uri) ?? []).slice(options.after ?? 0).find(predicate), {
      timeoutMs: options.timeoutMs ?? 30_000,
      message: `diagnostics for ${uri}`,
      abortIf: () => this.deathNotice(),
    });
  }

  /**
   * The next publication for `uri` matching `predicate`, with its arrival time (performance.now()):
   * event-driven, for the bench's latency figures. Call it before sending what triggers it.
   */
  nextPublication(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 120_000,
  ): Promise<{ params: PublishDiagnosticsParams; at: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.publishListeners.delete(listener);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (params: PublishDiagnosticsParams, at: number): void => {
        if (params.uri !== uri || !predicate(params)) return;
        clearTimeout(timer);
        this.publishListeners.delete(listener);
        resolve({ params, at });
      };
      this.publishListeners.add(listener);
    });
  }

  publicationCount(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  waitForStatus(
    predicate: (status: SidecarStatusParams) => boolean,
    options: { timeoutMs?: number; after?: number } = {},
  ): Promise<SidecarStatusParams> {
    return waitFor(() => this.statuses.slice(options.after ?? 0).find(predicate), {
      timeoutMs: options.timeoutMs ?? 30_000,
      message: `sidecar status (seen: ${JSON.stringify(this.statuses)})`,
      abortIf: () => this.deathNotice(),
    });
  }

  /**
   * What VS Code answers for a configuration section: `samsara` is the whole settings object,
   * `samsara.a.b` the nested value, anything absent (or another extension's section) null.
   */
  private configurationSection(section: string | undefined): unknown {
    if (section === undefined || section === 'samsara') return this.settings;
    if (!section.startsWith('samsara.')) return null;
    let node: unknown = this.settings;
    for (const part of section.slice('samsara.'.length).split('.')) {
      if (!isRecord(node) || !Object.hasOwn(node, part)) return null;
      node = node[part];
    }
    return node ?? null;
  }

  logText(): string {
    return this.logs.map((entry) => entry.message).join('\n');
  }

  /** LSP shutdown + exit, then waits for the process (killing it if it does not go). */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    if (this.hasExited) return;
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), timeoutMs);
      await this.connection.sendNotification('exit');
      await withTimeout(this.exited, timeoutMs);
    } catch {
      this.kill('SIGKILL');
      await this.exited;
    } finally {
      this.connection.dispose();
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }

  /** Why waiting is pointless (the server died), with what it left behind. */
  deathNotice(): string | undefined {
    if (!this.exitedValue) return undefined;
    return `the server exited (${JSON.stringify(this.exitedValue)}); stderr:\n${this.stderr}\nlog:\n${this.logText()}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function workspaceFolders(folder: string | undefined): WorkspaceFolder[] | null {
  return folder === undefined ? null : [{ uri: pathToFileURL(folder).href, name: basename(folder) }];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
