// Owns the LanguageClient's lifecycle. Two disposal scopes: the extension's (commands, the status
// item, settings listeners; disposed on deactivate) and the client's (its notification handlers and
// the client itself; disposed on every stop/restart). Lifecycle operations run one at a time.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  type LanguageClient,
  RevealOutputChannelOn,
  State,
  Trace,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  Commands,
  LogLevelNotification,
  PROBE_ENTITY_COMMAND,
  SidecarStatusNotification,
  SidecarStatusParamsSchema,
  type SidecarStatusParams,
} from '../../shared/lsp';
import { SERVER_NODE_ARGS } from '../../shared/serverProcess';
import { serverPath } from './bootstrap';
import { LevelledLanguageClient, logLevelName, TraceChannel, writeAtShownLevel } from './clientLog';
import * as config from './config';
import { describeError, showErrorWithLogs } from './errors';
import { StatusItem } from './statusItem';
import { sanitizeConfigurationItem } from './trustedSettings';
import { configurationOverrides, traceServer } from './workspaceTrust';

export function documentSelector(languages: readonly string[]): DocumentSelector {
  return languages.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
}

export class Ctx implements vscode.Disposable {
  readonly status: StatusItem;
  private client: LanguageClient | undefined;
  private clientScope: vscode.Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** The client was asked to start once: later starts are restarts. */
  private started = false;
  private readonly startedClient = new vscode.EventEmitter<void>();
  /** Fires when a (re)started client is running. */
  readonly onDidStartClient = this.startedClient.event;
  private lastStatus: SidecarStatusParams = { state: 'starting' };
  private readonly clientHooks = new Set<(client: LanguageClient) => vscode.Disposable[]>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.status = new StatusItem(documentSelector(config.languages(log)));
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /**
   * Runs `hook` on every language client once it has started (the running one too): views use it
   * to register their notification handlers, which go away with that client.
   */
  onEveryClient(hook: (client: LanguageClient) => vscode.Disposable[]): vscode.Disposable {
    this.clientHooks.add(hook);
    if (this.client?.isRunning()) this.clientScope.push(...hook(this.client));
    return new vscode.Disposable(() => this.clientHooks.delete(hook));
  }

  /** The last sidecar status the server sent (or the client derived); tests and commands read it. */
  get sidecarStatus(): SidecarStatusParams {
    return this.lastStatus;
  }

  start(): Promise<void> {
    this.started = true;
    return this.serialise(() => this.doStart());
  }

  /** Starts the client unless it was started already (by a document, a command or a restart). */
  ensureStarted(): Promise<void> {
    if (this.started) return this.queue;
    return this.start();
  }

  stop(): Promise<void> {
    return this.serialise(() => this.doStop());
  }

  restartClient(): Promise<void> {
    this.started = true;
    return this.serialise(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  /** Restarts the sidecar through the server; restarts the whole client if it is not running. */
  async restartSidecar(): Promise<void> {
    const client = this.client;
    if (client === undefined || !client.isRunning()) {
      this.log.info('Language server not running; restarting the language client');
      return this.restartClient();
    }
    // The server logs the restart and its cause.
    this.log.debug('Restarting the sidecar');
    try {
      await client.sendRequest(ExecuteCommandRequest.type, { command: Commands.restartSidecar, arguments: [] });
    } catch (error) {
      showErrorWithLogs(this.log, `Samsara could not restart the sidecar: ${describeError(error)}`);
    }
  }

  /** Tells the server to pull its settings again (after a trust grant, for example). */
  async settingsChanged(): Promise<void> {
    if (this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }
  }

  /**
   * The LogOutputChannel's level drives the trace (Trace → verbose, Debug → messages) and which
   * of the server's lines it sends (debug ones only when shown).
   */
  applyTrace(): void {
    const client = this.client;
    if (!client?.isRunning()) return;
    void client.sendNotification(LogLevelNotification, { level: logLevelName(this.log.logLevel) });
    const fromLevel =
      this.log.logLevel === vscode.LogLevel.Trace
        ? Trace.Verbose
        : this.log.logLevel === vscode.LogLevel.Debug
          ? Trace.Messages
          : Trace.Off;
    const fromSetting = Trace.fromString(traceServer());
    void client.setTrace(Math.max(fromLevel, fromSetting) as Trace);
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
    this.startedClient.dispose();
  }

  private serialise(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private showStatus(status: SidecarStatusParams): void {
    this.lastStatus = status;
    this.status.show(status);
  }

  private async doStart(): Promise<void> {
    const languages = config.languages(this.log);
    const selector = documentSelector(languages);
    this.status.selector = selector;
    this.showStatus({ state: 'starting' });
    let module: string;
    try {
      module = serverPath(this.context);
    } catch (error) {
      this.showStatus({ state: 'stopped', reason: describeError(error) });
      showErrorWithLogs(this.log, describeError(error));
      return;
    }
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      // Lines without a level of their own are detail; the trace shows when it was asked for.
      outputChannel: new TraceChannel(this.log, (log, line) => log.debug(line)),
      traceOutputChannel: new TraceChannel(this.log, writeAtShownLevel),
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // Hovers may run one command: the "Probe this entity…" link (no other command URI is trusted).
      markdown: { isTrusted: { enabledCommands: [PROBE_ENTITY_COMMAND] } },
      synchronize: { configurationSection: config.SECTION },
      initializationOptions: {
        // Where the server saves probe transcripts when no folder is open.
        transcriptFallbackFolder: vscode.Uri.joinPath(this.context.globalStorageUri, 'probes').fsPath,
        // Where language pipelines are installed (the CLI finds them there too).
        pipelinesFolder: vscode.Uri.joinPath(this.context.globalStorageUri, 'pipelines').fsPath,
        // Where the workspace index is kept between sessions (this workspace's storage; none without a folder).
        ...(this.context.storageUri ? { workspaceStorageFolder: this.context.storageUri.fsPath } : {}),
        // "Label as…" code actions open this client's quick pick (client/src/entityRules/).
        entityLabelPicker: true,
        logLevel: logLevelName(this.log.logLevel),
        // The sidecar's settings, trusted values only: the server starts the language model at
        // initialize with them, before it may ask for settings (a cold start's longest step).
        earlySettings: earlySidecarSettings(),
      },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const answer = await next(params, token);
            if (!Array.isArray(answer)) return answer;
            const { overrides, problems } = configurationOverrides();
            for (const problem of problems) this.log.warn(problem);
            if (Object.keys(overrides).length === 0) return answer;
            return params.items.map((item, i) => sanitizeConfigurationItem(item.section, answer[i], overrides));
          },
          // In a restricted workspace no settings snapshot is pushed: the server pulls them
          // through the configuration middleware above, which strips workspace values.
          didChangeConfiguration: (sections, next) => next(vscode.workspace.isTrusted ? sections : undefined),
        },
      },
    };
    const client = new LevelledLanguageClient('samsara', 'Samsara', serverOptions, clientOptions, this.log);
    this.client = client;
    this.clientScope.push(
      client.onNotification(SidecarStatusNotification, (params) => {
        // Typed by the contract, still checked: a server of another version may send anything.
        const parsed = SidecarStatusParamsSchema.safeParse(params);
        if (parsed.success) this.showStatus(parsed.data);
        else this.log.warn(`Ignoring a malformed ${SidecarStatusNotification.method} notification: ${JSON.stringify(params)}`);
      }),
      client.onDidChangeState((event) => {
        if (event.newState === State.Stopped) {
          this.showStatus({ state: 'stopped', reason: 'the Samsara language server is not running' });
        }
      }),
    );
    try {
      await client.start();
      this.applyTrace();
      for (const hook of this.clientHooks) this.clientScope.push(...hook(client));
      this.startedClient.fire();
    } catch (error) {
      this.showStatus({ state: 'stopped', reason: `the language server failed to start: ${describeError(error)}` });
      showErrorWithLogs(this.log, `Samsara's language server failed to start: ${describeError(error)}`);
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const disposable of this.clientScope.splice(0)) disposable.dispose();
    if (client === undefined) return;
    try {
      if (client.isRunning()) await client.stop(5000);
    } catch (error) {
      this.log.warn(`Stopping the language server failed: ${describeError(error)}`);
    }
    await client.dispose().catch(() => undefined);
  }
}

/** `samsara.sidecar.*` as the server would be answered (workspace values stripped when untrusted). */
function earlySidecarSettings(): unknown {
  const sidecar: unknown = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(config.SECTION).get('sidecar') ?? {}));
  const { overrides } = configurationOverrides();
  return { sidecar: sanitizeConfigurationItem(`${config.SECTION}.sidecar`, sidecar, overrides) };
}
