// "Probe Selection…" and "Compare Models…": pick (scenario, pseudonymisation, model), confirm a
// large or costly send, run through the language server (which streams, saves and answers where
// it saved), then show the result. A single probe fills a live document as tokens arrive; the
// saved transcript then opens as a rendered preview. A comparison opens the compare view (a
// webview, side by side) listing every chosen model, failed ones with the reason. A failed probe
// is saved but not opened: a notification says why and offers Retry, Open Settings and, for a key
// problem, Set API Key… (after which the probe runs again without asking anything twice).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ProbeResult } from '../../../shared/lsp';
import { modelLabel } from '../../../shared/probes/providers';
import { scenarioTemplates, type Scenario } from '../../../shared/probes/scenario';
import { usesVariable } from '../../../shared/probes/templateVariables';
import type { Transcript } from '../../../shared/probes/transcript';
import type { CompareFailure, CompareViews } from './compareView';
import { confirmSend } from './costConfirm';
import type { LiveTranscripts } from './liveTranscript';
import { loadScenarios, pickModel, pickModels, pickScenario, type ScenarioChoice } from './pickers';
import { failureOfError, failureOfTranscript, showProbeFailure, type ProbeFailure } from './probeFailure';
import { sendProbe, type ProbeSource } from './probeRequest';
import { selectedLines } from './selectionLines';
import { openTranscriptPreview, showUnsavedTranscript } from './transcriptPreview';

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
  if (text === '') return undefined;
  const lines = selectedLines(editor.selections);
  return { text, source: { uri: editor.document.uri.toString(), ...(lines ? { lines } : {}) }, document: editor.document };
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

/** One probe of one model: live document while it runs, the saved transcript after. `model`: a retry's. */
export async function probeOne(ui: ProbeUi, subject: ProbeSubject, choice: ScenarioChoice, model?: string): Promise<void> {
  const { scenario, pseudonymize } = choice;
  const chosen = model ?? (await pickModel(ui));
  if (!chosen) return;
  const source = sourceFor(subject, scenario);
  if (!(await confirmSend(ui.client, ui.log, { text: subject.text, models: [chosen], scenario, source }))) return;
  const runId = randomUUID();
  ui.live.attach(ui.client);
  ui.live.expect(runId, `${scenario.title} — ${modelLabel(chosen)} (live)`);
  const retry = (): Promise<void> => probeOne(ui, subject, choice, chosen);
  let result: ProbeResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Samsara: probing ${modelLabel(chosen)}`, cancellable: true },
      (progress, token) =>
        sendProbe({
          client: ui.client,
          secrets: ui.context.secrets,
          text: subject.text,
          model: chosen,
          scenario,
          token,
          runId,
          pseudonymize,
          source,
          onProgress: (message) => progress.report({ message }),
        }),
    );
  } catch (error) {
    // Refused before any answer (no key, a bad model, a template it cannot fill): nothing saved.
    ui.log.error(`Probe of ${modelLabel(chosen)}: ${error instanceof Error ? error.message : String(error)}`);
    void showProbeFailure(failureOfError(chosen, error), { secrets: ui.context.secrets, log: ui.log, retry });
    return;
  } finally {
    await ui.live.finish(runId);
  }
  if (result.saved) ui.saved();
  const t = result.transcript;
  if (t.run.outcome === 'failed') {
    // Saved, not opened: the writer's document stays in front; the notification says why.
    const saved = result.saved;
    const openTranscript = saved ? () => openTranscriptPreview(saved.markdown) : undefined;
    void showProbeFailure(failureOfTranscript(t), { secrets: ui.context.secrets, log: ui.log, retry, openTranscript });
    return;
  }
  await showResult(ui.log, result);
  if (t.run.outcome === 'stopped')
    void vscode.window.showWarningMessage(`Samsara: ${modelLabel(chosen)}: ${t.run.endedBecause ?? 'the conversation stopped early'}`);
  if (t.run.outcome === 'cancelled')
    void vscode.window.showInformationMessage(`Samsara: probe of ${modelLabel(chosen)} cancelled; what had arrived is saved.`);
}

/** The saved transcript as a preview; if the server could not save, an unsaved rendering and the reason. */
async function showResult(log: vscode.LogOutputChannel, result: ProbeResult): Promise<void> {
  if (result.saved) return openTranscriptPreview(result.saved.markdown);
  log.error(result.saveProblem ?? 'The transcript was not saved.');
  void vscode.window.showWarningMessage(`Samsara: ${result.saveProblem ?? 'the transcript was not saved.'}`);
  await showUnsavedTranscript(result.transcript);
}

export async function compareModels(ui: ProbeUi): Promise<void> {
  const chosen = await selectionAndScenario(ui, 'compare models on');
  if (!chosen) return;
  const models = await pickModels(ui);
  if (models) await compareOn(ui, chosen.subject, chosen, models);
}

/** Runs one comparison: every model at once, the compare view listing each (failed ones with the reason). */
async function compareOn(ui: ProbeUi, subject: ProbeSubject, choice: ScenarioChoice, models: string[]): Promise<void> {
  const { scenario, pseudonymize } = choice;
  const source = sourceFor(subject, scenario);
  if (!(await confirmSend(ui.client, ui.log, { text: subject.text, models, scenario, source }))) return;
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
  const failures: (CompareFailure & ProbeFailure)[] = [];
  results.forEach((result, i) => {
    const model = models[i];
    if (result.status === 'rejected') {
      ui.log.error(`Compare, ${modelLabel(model)}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
      failures.push(failureOfError(model, result.reason));
      return;
    }
    transcripts.push(result.value.transcript);
    if (result.value.transcript.run.outcome === 'failed') failures.push(failureOfTranscript(result.value.transcript));
    if (result.value.saved) files.push(result.value.saved.json);
    else ui.log.error(`Compare, ${modelLabel(model)}: ${result.value.saveProblem ?? 'not saved'}`);
  });
  if (files.length > 0) ui.saved();
  ui.compare.show(
    group,
    transcripts,
    files,
    failures.filter((f) => !transcripts.some((t) => t.modelRequested === f.model)),
  );
  if (failures.length > 0) {
    const summary: ProbeFailure = {
      model: failures.length === 1 ? failures[0].model : `${failures.length} of ${models.length} models`,
      reason: failures.map((f) => (failures.length === 1 ? f.reason : `${modelLabel(f.model)}: ${f.reason}`)).join('; '),
      ...(failures.find((f) => f.keyProvider) ? { keyProvider: failures.find((f) => f.keyProvider)?.keyProvider } : {}),
    };
    void showProbeFailure(summary, { secrets: ui.context.secrets, log: ui.log, retry: () => compareOn(ui, subject, choice, models) });
  }
}
