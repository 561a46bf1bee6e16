// Palette commands of the probes feature (and the doctor), the compare view, the probe history
// view and "Probe this entity"; extension.ts calls registerProbeCommands once at activation. The work happens in the language server
// (`samsara.probe`, samsara/* requests); this side picks, confirms, shows progress and opens.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PROVIDERS } from '../../../shared/probes/providers';
import { PROBE_ENTITY_COMMAND } from '../../../shared/lsp';
import { DoctorView } from '../doctor';
import { clearApiKeyCommand, setApiKeyCommand } from './apiKeys';
import { CompareViews } from './compareView';
import { registerHistoryCommands } from './historyCommands';
import { HistoryView } from './historyView';
import { LiveTranscripts } from './liveTranscript';
import { probeEntity } from './probeEntity';
import { compareModels, probeSelection, type ProbeUi } from './probeCommands';
import { openTranscriptCommand } from './transcripts';

type GetClient = () => LanguageClient | undefined;

export function registerProbeCommands(
  context: vscode.ExtensionContext,
  getClient: GetClient,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const live = new LiveTranscripts(log);
  const doctor = new DoctorView();
  const compare = new CompareViews(log);
  const history = new HistoryView(context, getClient, log);
  const ui = (): ProbeUi => ({ context, client: readyClient(getClient), log, live, compare, saved: () => history.refresh() });
  const failed = (what: string, error: unknown): void => reportFailure(log, what, error);
  const guard = (name: string, run: () => Promise<void>) => async () => {
    try {
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
    ...registerHistoryCommands(history, compare, () => readyClient(getClient), log, guard),
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
    // Also the target of "Set API Key…" links and buttons, which name the provider.
    vscode.commands.registerCommand('samsara.setApiKey', (provider?: unknown) =>
      guard('Set API Key', async () => {
        const known = typeof provider === 'string' && PROVIDERS.has(provider) ? provider : undefined;
        await setApiKeyCommand(context.secrets, log, known);
      })(),
    ),
    vscode.commands.registerCommand(
      'samsara.clearApiKey',
      guard('Clear API Key', () => clearApiKeyCommand(context.secrets, log)),
    ),
    vscode.commands.registerCommand(
      'samsara.openTranscript',
      guard('Open Transcript', () => openTranscriptCommand(readyClient(getClient), log, compare)),
    ),
    vscode.commands.registerCommand(
      'samsara.doctor',
      guard('Doctor', () => doctor.run(readyClient(getClient), context.secrets, log)),
    ),
  ];
}

function readyClient(getClient: GetClient): LanguageClient {
  const client = getClient();
  if (!client || !client.isRunning())
    throw new Error('The Samsara language server is not running. Run "Samsara: Restart Sidecar" or check the logs.');
  return client;
}

function reportFailure(log: vscode.LogOutputChannel, what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(`Samsara: ${message}`, 'Show Logs').then((choice) => {
    if (choice === 'Show Logs') log.show(true);
  });
}
