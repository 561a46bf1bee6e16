// Palette commands of the probes feature (and the doctor), the compare view, the probe history
// view and "Probe this entity"; extension.ts calls registerProbeCommands once at activation. The work happens in the language server
// (`samsara.probe`, samsara/* requests); this side picks, confirms, shows progress and opens.
import * as vscode from 'vscode';
import { PROVIDERS } from '../../../shared/probes/providers';
import { PROBE_ENTITY_COMMAND } from '../../../shared/lsp';
import { DoctorView } from '../doctor';
import { clearApiKeyCommand, setApiKeyCommand } from './apiKeys';
import { runCampaignCommand } from './campaignCommand';
import { openCampaignResultsCommand } from './campaignResultsCommand';
import { CompareViews } from './compareView';
import { registerHistoryCommands } from './historyCommands';
import { HistoryView } from './historyView';
import { LiveTranscripts } from './liveTranscript';
import { probeEntity } from './probeEntity';
import { compareModels, probeSelection, type ProbeUi } from './probeCommands';
import { setStorePasswordCommand, StoredTranscripts } from './probeStore';
import { openTranscriptCommand } from './transcripts';
import type { HistoryNode } from './historyTree';
import { runningClient, type ClientHandle, type GetClient } from '../runningClient';

/** The client's lifecycle as the probe commands need it: the history reads again on each start. */
export interface ProbeClientHandle extends ClientHandle {
  /** Fires when a (re)started client is running. */
  readonly onDidStartClient: vscode.Event<void>;
}

export function registerProbeCommands(
  context: vscode.ExtensionContext,
  handle: ProbeClientHandle,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const getClient: GetClient = () => handle.languageClient;
  const live = new LiveTranscripts(log);
  const doctor = new DoctorView();
  const compare = new CompareViews(log);
  const history = new HistoryView(context, getClient, log);
  const stored = new StoredTranscripts();
  const ui = (): ProbeUi => ({ context, client: runningClient(getClient), log, live, compare, saved: () => history.refresh() });
  const failed = (what: string, error: unknown): void => reportFailure(log, what, error);
  // Every command here but the key commands talks to the server: it starts first if it has not.
  const guard =
    (name: string, run: () => Promise<void>, needsServer = true) =>
    async () => {
      try {
        if (needsServer) await handle.ensureStarted();
        await run();
      } catch (error) {
        failed(name, error);
      }
    };
  return [
    live,
    doctor,
    compare,
    history,
    stored,
    // The history shows nothing until a server runs to read the folder: read it again then.
    handle.onDidStartClient(() => history.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('samsara.probes.store')) history.refresh();
    }),
    ...registerHistoryCommands(history, compare, () => runningClient(getClient), log, guard),
    // The target of the hover's "Probe this entity…" link and of the entity code action.
    vscode.commands.registerCommand(PROBE_ENTITY_COMMAND, (args?: unknown) => guard('Probe Entity', () => probeEntity(ui(), args))()),
    vscode.commands.registerCommand(
      'samsara.probeSelection',
      guard('Probe', () => probeSelection(ui())),
    ),
    vscode.commands.registerCommand(
      'samsara.compareModels',
      guard('Compare', () => compareModels(ui())),
    ),
    // From the palette, or a campaign file's editor title or Explorer menu (which pass its URI).
    vscode.commands.registerCommand('samsara.runCampaign', (target?: unknown) =>
      guard('Run Campaign', async () => {
        const { client, log, compare: views, saved } = ui();
        await runCampaignCommand({ client, secrets: context.secrets, log, compare: views, saved }, target);
      })(),
    ),
    // From the palette, a campaign file's editor title or Explorer menu (its URI), or a campaign of the Probe History.
    vscode.commands.registerCommand('samsara.openCampaignResults', (target?: unknown) =>
      guard('Open Campaign Results', async () => {
        await openCampaignResultsCommand({ client: runningClient(getClient), secrets: context.secrets, log, compare }, target);
      })(),
    ),
    vscode.commands.registerCommand('samsara.history.openStored', (node?: unknown) =>
      guard('Open Stored Transcript', async () => {
        const n = node as HistoryNode | undefined;
        if (n?.kind === 'stored') await stored.open(runningClient(getClient), context.secrets, n.entry);
      })(),
    ),
    vscode.commands.registerCommand(
      'samsara.setProbeStorePassword',
      guard(
        'Set Probe Store Password',
        async () => {
          if (await setStorePasswordCommand(context.secrets, log)) history.refresh();
        },
        false,
      ),
    ),
    // Also the target of "Set API Key…" links and buttons, which name the provider.
    vscode.commands.registerCommand('samsara.setApiKey', (provider?: unknown) =>
      guard(
        'Set API Key',
        async () => {
          const known = typeof provider === 'string' && PROVIDERS.has(provider) ? provider : undefined;
          await setApiKeyCommand(context.secrets, log, known);
        },
        false,
      )(),
    ),
    vscode.commands.registerCommand(
      'samsara.clearApiKey',
      guard('Clear API Key', () => clearApiKeyCommand(context.secrets, log), false),
    ),
    vscode.commands.registerCommand(
      'samsara.openTranscript',
      guard('Open Transcript', () => openTranscriptCommand(runningClient(getClient), log, compare)),
    ),
    vscode.commands.registerCommand(
      'samsara.doctor',
      guard('Doctor', () => doctor.run(runningClient(getClient), context.secrets, log)),
    ),
  ];
}

function reportFailure(log: vscode.LogOutputChannel, what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(`Samsara: ${message}`, 'Show Logs').then((choice) => {
    if (choice === 'Show Logs') log.show(true);
  });
}
