// Quick picks for scenario and model(s), each remembering the last choice in globalState.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { scenarioListSchema, ScenariosRequest } from '../../../shared/lsp';
import { describeModelRefProblem, splitModelRef } from '../../../shared/probes/providers';
import type { Scenario } from '../../../shared/probes/scenario';
import * as settings from './probeSettings';

const LAST_SCENARIO = 'samsara.probes.lastScenario';
const LAST_MODEL = 'samsara.probes.lastModel';
const LAST_MODELS = 'samsara.probes.lastModels';
const OTHER = '$(edit) Other model…';

/** The scenarios the server offers (it owns loading them); rejected ones are reported once. */
export async function loadScenarios(client: LanguageClient, log: vscode.LogOutputChannel): Promise<Scenario[]> {
  const resource = vscode.window.activeTextEditor?.document.uri.toString();
  const answer = scenarioListSchema.safeParse(await client.sendRequest(ScenariosRequest, resource ? { resource } : {}));
  if (!answer.success) throw new Error(`The language server sent an invalid scenario list: ${answer.error.issues[0]?.message}`);
  const { scenarios, problems } = answer.data;
  if (problems.length > 0) {
    for (const problem of problems) log.warn(`Scenario skipped: ${problem}`);
    void vscode.window.showWarningMessage(
      `Samsara: some probe scenarios were skipped. ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more in the log)` : ''}`,
    );
  }
  return scenarios;
}

export async function pickScenario(context: vscode.ExtensionContext, scenarios: Scenario[]): Promise<Scenario | undefined> {
  const last = context.globalState.get<string>(LAST_SCENARIO);
  const items = scenarios
    .map((s) => ({ label: s.id, description: s.title, detail: `${1 + s.followUps.length} turn(s)`, scenario: s }))
    .sort((a, b) => Number(b.label === last) - Number(a.label === last));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Samsara: Probe scenario',
    placeHolder: 'Scenario',
    ignoreFocusOut: true,
  });
  if (picked) await context.globalState.update(LAST_SCENARIO, picked.scenario.id);
  return picked?.scenario;
}

export async function pickModel(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<string | undefined> {
  const last = context.globalState.get<string>(LAST_MODEL);
  const models = withFirst(settings.models(log), last);
  const picked = await vscode.window.showQuickPick([...models.map((label) => ({ label })), { label: OTHER }], {
    title: 'Samsara: Model',
    placeHolder: 'provider:model',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const model = picked.label === OTHER ? await askModel() : picked.label;
  if (model) await context.globalState.update(LAST_MODEL, model);
  return model;
}

export async function pickModels(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<string[] | undefined> {
  const last = context.globalState.get<string[]>(LAST_MODELS) ?? [];
  const models = [...new Set([...settings.models(log), ...last])];
  const picked = await vscode.window.showQuickPick(
    models.map((label) => ({ label, picked: last.includes(label) })),
    { title: 'Samsara: Compare which models?', placeHolder: 'Pick two or more', canPickMany: true, ignoreFocusOut: true },
  );
  if (!picked || picked.length === 0) return undefined;
  // The placeholder asks for two: a "comparison" of one model would be a plain probe in disguise.
  if (picked.length === 1) {
    void vscode.window.showInformationMessage('Samsara: pick at least two models to compare (Probe Selection… runs one).');
    return undefined;
  }
  const chosen = picked.map((p) => p.label);
  await context.globalState.update(LAST_MODELS, chosen);
  return chosen;
}

async function askModel(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Samsara: Model',
    prompt: 'provider:model, e.g. openai:gpt-4o or ollama:llama3.1',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const ref = splitModelRef(text);
      return 'kind' in ref ? describeModelRefProblem(ref) : undefined;
    },
  });
  return value?.trim();
}

function withFirst(list: string[], first: string | undefined): string[] {
  return first ? [first, ...list.filter((m) => m !== first)] : list;
}
