// "Probe Selection…" and "Compare Models on Selection…": pick, confirm the cost, run through the
// language server (which streams, saves and answers where it saved), then open the result. A
// single probe fills a live document as tokens arrive; the saved transcript then replaces it.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ProbeResult } from '../../../shared/lsp';
import type { Transcript } from '../../../shared/probes/transcript';
import { transcriptToMarkdown } from '../../../shared/probes/transcriptMarkdown';
import { confirmCost } from './costConfirm';
import type { LiveTranscripts } from './liveTranscript';
import { loadScenarios, pickModel, pickModels, pickScenario } from './pickers';
import { sendProbe } from './probeRequest';
import { openComparison, openMarkdown } from './transcripts';

export interface ProbeUi {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  log: vscode.LogOutputChannel;
  live: LiveTranscripts;
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

/** The selection and a chosen scenario, or undefined (after telling the user) when either is missing. */
async function selectionAndScenario(ui: ProbeUi, purpose: string) {
  const text = selectedText();
  if (!text) {
    void vscode.window.showInformationMessage(`Samsara: select some text to ${purpose} first.`);
    return undefined;
  }
  const scenario = await pickScenario(ui.context, await loadScenarios(ui.client, ui.log));
  return scenario ? { text, scenario } : undefined;
}

export async function probeSelection(ui: ProbeUi): Promise<void> {
  const chosen = await selectionAndScenario(ui, 'probe');
  if (!chosen) return;
  const { text, scenario } = chosen;
  const model = await pickModel(ui);
  if (!model) return;
  if (!(await confirmCost(ui.client, ui.log, { text, models: [model], scenario }))) return;
  const runId = randomUUID();
  ui.live.attach(ui.client);
  ui.live.expect(runId, `${scenario.title} — ${model} (live)`);
  let result: ProbeResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Samsara: probing ${model}`, cancellable: true },
      (progress, token) =>
        sendProbe({
          client: ui.client,
          secrets: ui.context.secrets,
          text,
          model,
          scenario,
          token,
          runId,
          onProgress: (message) => progress.report({ message }),
        }),
    );
  } finally {
    await ui.live.finish(runId);
  }
  logOutcome(ui.log, result.transcript);
  await openResult(ui.log, result);
  const t = result.transcript;
  if (t.run.outcome === 'failed') void vscode.window.showWarningMessage(`Samsara: ${model}: ${t.errors[0]?.message ?? 'the probe failed'}`);
  if (t.run.outcome === 'stopped')
    void vscode.window.showWarningMessage(`Samsara: ${model}: ${t.run.endedBecause ?? 'the conversation stopped early'}`);
  if (t.run.outcome === 'cancelled')
    void vscode.window.showInformationMessage(`Samsara: probe of ${model} cancelled; what had arrived is saved.`);
}

/** The saved Markdown; if the server could not save, an unsaved rendering and the reason. */
async function openResult(log: vscode.LogOutputChannel, result: ProbeResult, column?: vscode.ViewColumn): Promise<void> {
  if (result.saved) {
    await openMarkdown(result.saved.markdown, column);
    return;
  }
  log.error(result.saveProblem ?? 'The transcript was not saved.');
  void vscode.window.showWarningMessage(`Samsara: ${result.saveProblem ?? 'the transcript was not saved.'}`);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: transcriptToMarkdown(result.transcript) });
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
}

export async function compareModels(ui: ProbeUi, reportFailure: (what: string, error: unknown) => void): Promise<void> {
  const chosen = await selectionAndScenario(ui, 'compare models on');
  if (!chosen) return;
  const { text, scenario } = chosen;
  const models = await pickModels(ui);
  if (!models) return;
  if (!(await confirmCost(ui.client, ui.log, { text, models, scenario }))) return;
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Samsara: comparing ${models.length} models`, cancellable: true },
    async (progress, token) => {
      let done = 0;
      // Concurrent: the server's per-provider limit keeps each provider polite.
      return Promise.allSettled(
        models.map((model) =>
          sendProbe({ client: ui.client, secrets: ui.context.secrets, text, model, scenario, token }).finally(() => {
            done++;
            progress.report({ message: `${done}/${models.length} models done`, increment: 100 / models.length });
          }),
        ),
      );
    },
  );
  const saved: string[] = [];
  results.forEach((result, i) => {
    if (result.status === 'rejected') return reportFailure(`Compare (${models[i]})`, result.reason);
    logOutcome(ui.log, result.value.transcript);
    if (result.value.saved) saved.push(result.value.saved.json);
    else ui.log.error(`Compare (${models[i]}): ${result.value.saveProblem ?? 'not saved'}`);
  });
  if (saved.length > 0) await openComparison(ui.client, saved);
}

function logOutcome(log: vscode.LogOutputChannel, t: Transcript): void {
  const cost = t.totals.costUsd !== undefined ? `, $${t.totals.costUsd}` : '';
  log.info(
    `Probe ${t.modelRequested} (${t.scenario.id}): ${t.run.outcome}, ${t.totals.turns} turns, ${t.totals.inputTokens}/${t.totals.outputTokens} tokens${cost}, ${t.totals.retries} retries, ${t.run.durationMs} ms`,
  );
}
