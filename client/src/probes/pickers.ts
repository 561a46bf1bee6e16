// Quick picks for scenario and model(s), each remembering the last choice in globalState. The
// model pickers open at once with the configured models and fill in what each provider lists for
// the user's key (samsara/models: cached by the server per provider), plus "Other model…".
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { modelListSchema, ModelsRequest, scenarioListSchema, ScenariosRequest } from '../../../shared/lsp';
import { describeModelRefProblem, PROVIDERS, resolveModelSpec } from '../../../shared/probes/providers';
import { scenarioTurns, type Scenario } from '../../../shared/probes/scenario';
import { getApiKey } from './apiKeys';
import * as settings from './probeSettings';

const LAST_SCENARIO = 'samsara.probes.lastScenario';
const LAST_MODEL = 'samsara.probes.lastModel';
const LAST_MODELS = 'samsara.probes.lastModels';
const OTHER = '$(edit) Other model…';

export interface PickerDeps {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  log: vscode.LogOutputChannel;
}

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

export interface ScenarioChoice {
  scenario: Scenario;
  /** Labels to pseudonymise for this probe; [] = names sent as written. */
  pseudonymize: string[];
}

/**
 * The scenario, and the per-probe pseudonymisation toggle (a button in the picker's title bar):
 * on when samsara.probes.pseudonymize lists labels, and turned on with people, organisations and
 * places when it is empty. `first` puts a scenario at the top (the entity scenario for an entity).
 */
export async function pickScenario(
  context: vscode.ExtensionContext,
  scenarios: Scenario[],
  log: vscode.LogOutputChannel,
  first?: string,
): Promise<ScenarioChoice | undefined> {
  const last = context.globalState.get<string>(LAST_SCENARIO);
  const top = first ?? last;
  const items = scenarios
    .map((s) => ({ label: s.id, description: s.title, detail: `${scenarioTurns(s).length} turn(s)`, scenario: s }))
    .sort((a, b) => Number(b.label === top) - Number(a.label === top));
  const configured = settings.pseudonymize(log);
  const labels = configured.length > 0 ? configured : settings.DEFAULT_PSEUDONYMIZE;
  let on = configured.length > 0;
  const pick = vscode.window.createQuickPick<(typeof items)[number]>();
  pick.items = items;
  pick.placeholder = 'Scenario';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  const show = (): void => {
    pick.title = `Samsara: Probe scenario${on ? ` — names pseudonymised (${labels.join(', ')})` : ''}`;
    pick.buttons = [
      {
        iconPath: new vscode.ThemeIcon(on ? 'eye-closed' : 'eye'),
        tooltip: on
          ? `Send names as written (now: ${labels.join(', ')} pseudonymised)`
          : `Pseudonymise ${labels.join(', ')} before sending`,
      },
    ];
  };
  show();
  pick.onDidTriggerButton(() => {
    on = !on;
    show();
  });
  const picked = await new Promise<(typeof items)[number] | undefined>((resolve) => {
    let done = false;
    pick.onDidAccept(() => {
      done = true;
      resolve(pick.activeItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
  if (!picked) return undefined;
  await context.globalState.update(LAST_SCENARIO, picked.scenario.id);
  return { scenario: picked.scenario, pseudonymize: on ? labels : [] };
}

/** Lists already received, per provider and key (a hash of it): a key travels to the server only when needed. */
const listed = new Map<string, { at: number; models: string[] }>();
const LIST_CACHE_MS = 10 * 60_000;

/**
 * Asks every provider that can answer (a key is stored, or none is needed) for its models, and
 * calls `add` with each list as it arrives. A provider that fails is logged, never shown.
 */
async function providerModels(deps: PickerDeps, add: (models: string[]) => void): Promise<void> {
  const asks = [...PROVIDERS.values()].map(async (info) => {
    const apiKey = await getApiKey(deps.context.secrets, info.id);
    if (info.requiresKey && !apiKey) return;
    const cacheKey = `${info.id} ${apiKey ? createHash('sha256').update(apiKey).digest('hex').slice(0, 16) : '-'}`;
    const hit = listed.get(cacheKey);
    if (hit && Date.now() - hit.at < LIST_CACHE_MS) return add(hit.models);
    try {
      const answer = modelListSchema.parse(
        await deps.client.sendRequest(ModelsRequest, apiKey ? { provider: info.id, apiKey } : { provider: info.id }),
      );
      if (answer.problem) deps.log.debug(`${info.label} did not list its models: ${answer.problem}`);
      const models = answer.models.map((m) => `${info.id}:${m}`);
      if (!answer.problem) listed.set(cacheKey, { at: Date.now(), models });
      add(models);
    } catch (error) {
      deps.log.debug(`${info.label} did not list its models: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await Promise.all(asks);
}

interface ModelItem extends vscode.QuickPickItem {
  model?: string;
}

function modelItems(configured: string[], listed: string[], first: string[], other: boolean): ModelItem[] {
  const seen = new Set<string>();
  const items: ModelItem[] = [];
  const push = (model: string, description?: string): void => {
    if (seen.has(model)) return;
    seen.add(model);
    items.push({ label: model, model, description });
  };
  for (const model of first) push(model, 'last used');
  for (const model of configured) push(model, 'samsara.probes.models');
  const fresh = listed.filter((m) => !seen.has(m));
  if (fresh.length > 0) items.push({ label: 'Listed by the providers for your keys', kind: vscode.QuickPickItemKind.Separator });
  for (const model of fresh) push(model);
  if (other) items.push({ label: OTHER });
  return items;
}

/** A quick pick that starts with the configured models and grows as providers answer. */
function growingPick(
  deps: PickerDeps,
  options: { title: string; placeholder: string; many: boolean; first: string[] },
): Promise<ModelItem[] | undefined> {
  const configured = settings.models(deps.log);
  const listed: string[] = [];
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = options.many;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  const refresh = (): void => {
    const chosen = new Set(pick.selectedItems.map((i) => i.model));
    pick.items = modelItems(configured, listed, options.first, !options.many);
    if (options.many)
      pick.selectedItems = pick.items.filter(
        (i) => i.model && (chosen.has(i.model) || (chosen.size === 0 && options.first.includes(i.model))),
      );
  };
  refresh();
  pick.busy = true;
  void providerModels(deps, (models) => {
    listed.push(...models);
    refresh();
  }).finally(() => (pick.busy = false));
  return new Promise((resolve) => {
    let done = false;
    pick.onDidAccept(() => {
      done = true;
      resolve(options.many ? [...pick.selectedItems] : [...pick.activeItems]);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

export async function pickModel(deps: PickerDeps): Promise<string | undefined> {
  const last = deps.context.globalState.get<string>(LAST_MODEL);
  const picked = await growingPick(deps, {
    title: 'Samsara: Model',
    placeholder: 'provider:model',
    many: false,
    first: last ? [last] : [],
  });
  const item = picked?.[0];
  if (!item) return undefined;
  const model = item.label === OTHER ? await askModel() : item.model;
  if (model) await deps.context.globalState.update(LAST_MODEL, model);
  return model;
}

export async function pickModels(deps: PickerDeps): Promise<string[] | undefined> {
  const last = deps.context.globalState.get<string[]>(LAST_MODELS) ?? [];
  const picked = await growingPick(deps, {
    title: 'Samsara: Compare which models?',
    placeholder: 'Pick two or more',
    many: true,
    first: last,
  });
  if (!picked || picked.length === 0) return undefined;
  // The placeholder asks for two: a "comparison" of one model would be a plain probe in disguise.
  if (picked.length === 1) {
    void vscode.window.showInformationMessage('Samsara: pick at least two models to compare (Probe Selection… runs one).');
    return undefined;
  }
  const chosen = picked.flatMap((p) => (p.model ? [p.model] : []));
  await deps.context.globalState.update(LAST_MODELS, chosen);
  return chosen;
}

async function askModel(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Samsara: Model',
    prompt: 'provider:model (e.g. openai:gpt-5.4-mini, ollama:llama3.1), or a model id whose provider is clear (claude-haiku-4-5)',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const ref = resolveModelSpec(text);
      return 'kind' in ref ? describeModelRefProblem(ref) : undefined;
    },
  });
  return value?.trim();
}
