// "Probe Selection…" and "Compare Models on Selection…": pick (scenario, pseudonymisation, model),
// confirm the cost, run through the language server (which streams, saves and answers where it
// saved), then show the result. A single probe fills a live document as tokens arrive; the saved
// transcript then replaces it. A comparison opens the compare view (a webview, side by side).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ProbeResult } from '../../../shared/lsp';
import { scenarioTemplates, type Scenario } from '../../../shared/probes/scenario';
import { usesVariable } from '../../../shared/probes/templateVariables';
import type { Transcript } from '../../../shared/probes/transcript';
import { transcriptToMarkdown } from '../../../shared/probes/transcriptMarkdown';
import type { CompareViews } from './compareView';
import { confirmCost } from './costConfirm';
import type { LiveTranscripts } from './liveTranscript';
import { loadScenarios, pickModel, pickModels, pickScenario, type ScenarioChoice } from './pickers';
import { sendProbe, type ProbeSource } from './probeRequest';
import { openMarkdown } from './transcripts';

export interface ProbeUi {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  log: vscode.LogOutputChannel;
  live: LiveTranscripts;
  compare: CompareViews;
  /** Called when a probe saved a transcript (the history view refreshes). */
  saved(): void;
}

/** What a probe is about: the text, and where it came from. */
export interface ProbeSubject {
  text: string;
  source: ProbeSource;
  /** The document, sent only to a scenario that uses {{document}}. */
  document?: vscode.TextDocument;
}

function selection(): ProbeSubject | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const text = editor.selections
    .map((s) => editor.document.getText(s))
    .join('\n')
    .trim();
  return text === '' ? undefined : { text, source: { uri: editor.document.uri.toString() }, document: editor.document };
}

/** The subject's source for this scenario: the whole document only when the scenario asks for it. */
export function sourceFor(subject: ProbeSubject, scenario: Scenario): ProbeSource {
  const wantsDocument = subject.document !== undefined && usesVariable(scenarioTemplates(scenario), 'document');
  return wantsDocument ? { ...subject.source, document: subject.document?.getText() } : subject.source;
}

/** The selection and a chosen scenario, or undefined (after telling the user) when either is missing. */
async function selectionAndScenario(ui: ProbeUi, purpose: string): Promise<(ScenarioChoice & { subject: ProbeSubject }) | undefined> {
  const subject = selection();
  if (!subject) {
    void vscode.window.showInformationMessage(`Samsara: select some text to ${purpose} first.`);
    return undefined;
  }
  const choice = await pickScenario(ui.context, await loadScenarios(ui.client, ui.log), ui.log);
  return choice ? { ...choice, subject } : undefined;
}

export async function probeSelection(ui: ProbeUi): Promise<void> {
  const chosen = await selectionAndScenario(ui, 'probe');
  if (chosen) await probeOne(ui, chosen.subject, chosen);
}

/** One probe of one model: live document while it runs, the saved transcript after. */
export async function probeOne(ui: ProbeUi, subject: ProbeSubject, choice: ScenarioChoice): Promise<void> {
  const { scenario, pseudonymize } = choice;
  const model = await pickModel(ui);
  if (!model) return;
  const source = sourceFor(subject, scenario);
  if (!(await confirmCost(ui.client, ui.log, { text: subject.text, models: [model], scenario, source }))) return;
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
          text: subject.text,
          model,
          scenario,
          token,
          runId,
          pseudonymize,
          source,
          onProgress: (message) => progress.report({ message }),
        }),
    );
  } finally {
    await ui.live.finish(runId);
  }
  if (result.saved) ui.saved();
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
  const { subject, scenario, pseudonymize } = chosen;
  const models = await pickModels(ui);
  if (!models) return;
  const source = sourceFor(subject, scenario);
  if (!(await confirmCost(ui.client, ui.log, { text: subject.text, models, scenario, source }))) return;
  // One group id for the comparison: its saved transcripts can be reopened together.
  const group = randomUUID();
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Samsara: comparing ${models.length} models`, cancellable: true },
    async (progress, token) => {
      let done = 0;
      // Concurrent: the server's per-provider limit keeps each provider polite.
      return Promise.allSettled(
        models.map((model) =>
          sendProbe({
            client: ui.client,
            secrets: ui.context.secrets,
            text: subject.text,
            model,
            scenario,
            token,
            pseudonymize,
            source,
            group,
          }).finally(() => {
            done++;
            progress.report({ message: `${done}/${models.length} models done`, increment: 100 / models.length });
          }),
        ),
      );
    },
  );
  const transcripts: Transcript[] = [];
  const files: string[] = [];
  results.forEach((result, i) => {
    if (result.status === 'rejected') return reportFailure(`Compare (${models[i]})`, result.reason);
    transcripts.push(result.value.transcript);
    if (result.value.saved) files.push(result.value.saved.json);
    else ui.log.error(`Compare (${models[i]}): ${result.value.saveProblem ?? 'not saved'}`);
  });
  if (transcripts.length === 0) return;
  ui.saved();
  ui.compare.show(group, transcripts, files);
}
