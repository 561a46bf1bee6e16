// Palette commands of the probes feature; extension.ts calls registerProbeCommands once at
// activation. The work happens in the language server (`samsara.probe`); this side picks,
// shows progress, saves and opens.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Transcript } from '../../../shared/probes/transcript';
import { clearApiKeyCommand, setApiKeyCommand } from './apiKeys';
import { loadScenarios, pickModel, pickModels, pickScenario } from './pickers';
import { ProbeCancelled, ProbeRequestError, sendProbe } from './probeRequest';
import { openMarkdown, openTranscriptCommand, saveComparison, saveTranscript } from './transcriptStore';

type GetClient = () => LanguageClient | undefined;

export function registerProbeCommands(
  context: vscode.ExtensionContext,
  getClient: GetClient,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const guard = (name: string, run: () => Promise<void>) => async () => {
    try {
      await run();
    } catch (error) {
      reportFailure(context, log, name, error);
    }
  };
  return [
    vscode.commands.registerCommand(
      'samsara.probeSelection',
      guard('Probe', () => probeSelection(context, getClient, log)),
    ),
    vscode.commands.registerCommand(
      'samsara.compareModels',
      guard('Compare', () => compareModels(context, getClient, log)),
    ),
    vscode.commands.registerCommand(
      'samsara.setApiKey',
      guard('Set API Key', async () => void (await setApiKeyCommand(context.secrets, log))),
    ),
    vscode.commands.registerCommand(
      'samsara.clearApiKey',
      guard('Clear API Key', () => clearApiKeyCommand(context.secrets, log)),
    ),
    vscode.commands.registerCommand(
      'samsara.openTranscript',
      guard('Open Transcript', () => openTranscriptCommand(context, log)),
    ),
  ];
}

function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const text = editor.selections
    .map((s) => editor.document.getText(s))
    .join('\n')
    .trim();
  return text === '' ? undefined : text;
}

function readyClient(getClient: GetClient): LanguageClient {
  const client = getClient();
  if (!client || !client.isRunning())
    throw new Error('The Samsara language server is not running. Run "Samsara: Restart Sidecar" or check the logs.');
  return client;
}

/** The selection and a chosen scenario, or undefined (after telling the user) when either is missing. */
async function selectionAndScenario(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  purpose: string,
) {
  const text = selectedText();
  if (!text) {
    void vscode.window.showInformationMessage(`Samsara: select some text to ${purpose} first.`);
    return undefined;
  }
  const scenario = await pickScenario(context, await loadScenarios(client, log));
  return scenario ? { text, scenario } : undefined;
}

async function probeSelection(context: vscode.ExtensionContext, getClient: GetClient, log: vscode.LogOutputChannel): Promise<void> {
  const client = readyClient(getClient);
  const chosen = await selectionAndScenario(context, client, log, 'probe');
  if (!chosen) return;
  const { text, scenario } = chosen;
  const model = await pickModel(context, log);
  if (!model) return;
  const transcript = await vscode.window
    .withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Samsara: probing ${model}`, cancellable: true },
      (progress, token) =>
        sendProbe({
          client,
          secrets: context.secrets,
          log,
          text,
          model,
          scenario,
          token,
          onProgress: (message) => progress.report({ message }),
        }),
    )
    .then(
      (t) => t,
      (error: unknown) => {
        if (error instanceof ProbeCancelled) {
          log.info(`Probe of ${model} cancelled`);
          return undefined;
        }
        throw error;
      },
    );
  if (!transcript) return;
  logOutcome(log, transcript);
  await openMarkdown(await saveTranscript(context, transcript));
  if (transcript.run.outcome === 'failed')
    void vscode.window.showWarningMessage(`Samsara: ${model}: ${transcript.errors[0]?.message ?? 'the probe failed'}`);
}

async function compareModels(context: vscode.ExtensionContext, getClient: GetClient, log: vscode.LogOutputChannel): Promise<void> {
  const client = readyClient(getClient);
  const chosen = await selectionAndScenario(context, client, log, 'compare models on');
  if (!chosen) return;
  const { text, scenario } = chosen;
  const models = await pickModels(context, log);
  if (!models) return;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Samsara: comparing ${models.length} models`, cancellable: true },
    async (progress, token) => {
      let done = 0;
      // Concurrent: the server's per-provider limit keeps each provider polite.
      return Promise.allSettled(
        models.map((model) =>
          sendProbe({ client, secrets: context.secrets, log, text, model, scenario, token }).finally(() => {
            done++;
            progress.report({ message: `${done}/${models.length} models done`, increment: 100 / models.length });
          }),
        ),
      ).then((results) => ({ results, cancelled: token.isCancellationRequested }));
    },
  );
  if (outcome.cancelled) {
    log.info('Model comparison cancelled');
    return;
  }
  const transcripts: Transcript[] = [];
  outcome.results.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      transcripts.push(result.value);
      logOutcome(log, result.value);
    } else reportFailure(context, log, `Compare (${models[i]})`, result.reason);
  });
  if (transcripts.length === 0) return;
  await openMarkdown(await saveComparison(context, transcripts), vscode.ViewColumn.Beside);
}

function logOutcome(log: vscode.LogOutputChannel, t: Transcript): void {
  log.info(
    `Probe ${t.modelRequested} (${t.scenario.id}): ${t.run.outcome}, ${t.totals.turns} turns, ${t.totals.inputTokens}/${t.totals.outputTokens} tokens, ${t.totals.retries} retries, ${t.run.durationMs} ms`,
  );
}

function reportFailure(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(`${what}: ${message}`);
  if (error instanceof ProbeRequestError && error.code === 'PROBE_MISSING_KEY' && error.provider) {
    const provider = error.provider;
    void vscode.window.showErrorMessage(`Samsara: ${message}`, 'Set API Key…').then((choice) => {
      if (choice) void setApiKeyCommand(context.secrets, log, provider);
    });
    return;
  }
  void vscode.window.showErrorMessage(`Samsara: ${message}`, 'Show Logs').then((choice) => {
    if (choice === 'Show Logs') log.show(true);
  });
}
