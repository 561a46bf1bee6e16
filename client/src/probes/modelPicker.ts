// The model pickers: one model (Probe Selection…) or several (Compare Models…). Each opens at once
// with the configured models and fills in what each provider lists for the user's key
// (samsara/models, cached), marks the models of providers without a key and sets one from a key
// button without losing the place: the picker comes back as it was. Picking a model without a key
// asks for the key and then carries on; the compare picker stays open until two models are ticked
// and offers "Other model…". Each remembers the last choice in globalState.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { modelListSchema, ModelsRequest } from '../../../shared/lsp';
import { describeModelRefProblem, modelLabel, providerLabel, PROVIDERS, resolveModelSpec } from '../../../shared/probes/providers';
import { getApiKey, setApiKeyCommand } from './apiKeys';
import { compareTitle, modelRows, OTHER_MODEL_LABEL, providersWithoutKey, SET_KEY_TOOLTIP, type ModelRow } from './modelItems';
import * as settings from './probeSettings';

const LAST_MODEL = 'samsara.probes.lastModel';
const LAST_MODELS = 'samsara.probes.lastModels';

export interface PickerDeps {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  log: vscode.LogOutputChannel;
}

/** Providers that can be asked now: a key is stored, or none is needed. */
async function readyProviders(secrets: vscode.SecretStorage): Promise<Set<string>> {
  const ready = new Set<string>();
  for (const info of PROVIDERS.values()) if (!info.requiresKey || (await getApiKey(secrets, info.id))) ready.add(info.id);
  return ready;
}

/** Lists already received, per provider and key (a hash of it): a key travels to the server only when needed. */
const listed = new Map<string, { at: number; models: string[] }>();
const LIST_CACHE_MS = 10 * 60_000;

/** Asks every provider that can answer for its models; `add` gets each list as it arrives. A failure is logged, never shown. */
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

type Item = vscode.QuickPickItem & { row: ModelRow };

/** How one showing of a picker ended. `ticked`: the models ticked then (many), to show them ticked again. */
type PickEnd =
  | { kind: 'picked'; models: string[] }
  | { kind: 'setKey'; provider: string; ticked: string[] }
  | { kind: 'other'; ticked: string[] }
  | undefined;

interface PickOptions {
  many: boolean;
  first: string[];
  added: string[];
  /** Ticked when the picker opens (many). */
  ticked: string[];
  ready: Set<string>;
}

function toItem(row: ModelRow): Item {
  if (row.separator) return { label: row.label, kind: vscode.QuickPickItemKind.Separator, row };
  const buttons = row.missingKeyOf
    ? [{ iconPath: new vscode.ThemeIcon('key'), tooltip: `${SET_KEY_TOOLTIP} (${providerLabel(row.missingKeyOf)})` }]
    : undefined;
  return { label: row.label, description: row.description, ...(buttons ? { buttons } : {}), row };
}

/** One showing of a model picker; it grows as providers answer. */
function showPicker(deps: PickerDeps, options: PickOptions): Promise<PickEnd> {
  const configured = settings.models(deps.log);
  const fromProviders: string[] = [];
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = options.many ? compareTitle(0, false) : 'Samsara: Model';
  pick.placeholder = options.many ? 'Tick two or more models' : 'provider:model';
  pick.canSelectMany = options.many;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  const ticked = new Set(options.ticked);
  const tickedNow = (): string[] => pick.items.flatMap((i) => (i.row.model && ticked.has(i.row.model) ? [i.row.model] : []));
  const refresh = (): void => {
    const active = pick.activeItems[0]?.row.model;
    pick.items = modelRows({ first: options.first, configured, added: options.added, listed: fromProviders, ready: options.ready }).map(
      toItem,
    );
    if (options.many) pick.selectedItems = pick.items.filter((i) => i.row.model !== undefined && ticked.has(i.row.model));
    const again = pick.items.find((i) => active !== undefined && i.row.model === active);
    if (again) pick.activeItems = [again];
  };
  refresh();
  pick.busy = true;
  void providerModels(deps, (models) => {
    fromProviders.push(...models);
    refresh();
  }).finally(() => (pick.busy = false));
  return new Promise((resolve) => {
    let end: PickEnd;
    const finish = (value: PickEnd): void => {
      end = value;
      pick.hide();
    };
    pick.onDidChangeSelection((items) => {
      if (!options.many) return;
      ticked.clear();
      for (const item of items) if (item.row.model) ticked.add(item.row.model);
    });
    pick.onDidTriggerItemButton((event) => {
      const provider = event.item.row.missingKeyOf;
      if (provider) finish({ kind: 'setKey', provider, ticked: tickedNow() });
    });
    pick.onDidAccept(() => {
      if (!options.many) {
        const row = pick.activeItems[0]?.row;
        if (!row) return;
        finish(
          row.label === OTHER_MODEL_LABEL ? { kind: 'other', ticked: [] } : row.model ? { kind: 'picked', models: [row.model] } : undefined,
        );
        return;
      }
      if (pick.selectedItems.some((i) => i.row.label === OTHER_MODEL_LABEL)) return finish({ kind: 'other', ticked: tickedNow() });
      const models = tickedNow();
      // A comparison of one model would be a plain probe in disguise: say so and stay open.
      if (models.length < 2) {
        pick.title = compareTitle(models.length, true);
        return;
      }
      finish({ kind: 'picked', models });
    });
    pick.onDidHide(() => {
      resolve(end);
      pick.dispose();
    });
    pick.show();
  });
}

/** Asks for a provider's key on the way to a probe; true once it is stored. */
function askKey(deps: PickerDeps, provider: string, why: string): Promise<boolean> {
  return setApiKeyCommand(deps.context.secrets, deps.log, provider, why);
}

export async function pickModel(deps: PickerDeps): Promise<string | undefined> {
  const last = deps.context.globalState.get<string>(LAST_MODEL);
  let first = last ? [last] : [];
  const added: string[] = [];
  for (;;) {
    const ready = await readyProviders(deps.context.secrets);
    const end = await showPicker(deps, { many: false, first, added, ticked: [], ready });
    if (!end) return undefined;
    if (end.kind === 'setKey') {
      await askKey(deps, end.provider, 'The model list shows its models once the key is stored.');
      continue;
    }
    const model = end.kind === 'other' ? await askModel() : end.models[0];
    if (!model) continue;
    const [missing] = providersWithoutKey([model], ready);
    // A model without a key: ask for it now, then carry on with the probe (Escape: back to the list).
    if (missing && !(await askKey(deps, missing, `${modelLabel(model)} needs it. The probe continues once it is stored.`))) {
      first = [model];
      continue;
    }
    await deps.context.globalState.update(LAST_MODEL, model);
    return model;
  }
}

export async function pickModels(deps: PickerDeps): Promise<string[] | undefined> {
  const last = deps.context.globalState.get<string[]>(LAST_MODELS) ?? [];
  let ticked = [...last];
  const added: string[] = [];
  for (;;) {
    const ready = await readyProviders(deps.context.secrets);
    const end = await showPicker(deps, { many: true, first: last, added, ticked, ready });
    if (!end) return undefined;
    if (end.kind === 'setKey') {
      ticked = end.ticked;
      await askKey(deps, end.provider, 'The model list shows its models once the key is stored.');
      continue;
    }
    if (end.kind === 'other') {
      ticked = end.ticked;
      const model = await askModel();
      if (model) {
        added.push(model);
        ticked.push(model);
      }
      continue;
    }
    // Keys still missing are asked for; one left unset is compared anyway and listed as failed.
    for (const provider of providersWithoutKey(end.models, ready)) {
      await askKey(deps, provider, 'Escape compares without it: its models are then listed as failed, with the reason.');
    }
    await deps.context.globalState.update(LAST_MODELS, end.models);
    return end.models;
  }
}

async function askModel(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Samsara: Other model',
    prompt: 'provider:model (e.g. openai:gpt-5.4-mini, ollama:llama3.1), or a model id whose provider is clear (claude-haiku-4-5)',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const ref = resolveModelSpec(text);
      return 'kind' in ref ? describeModelRefProblem(ref) : undefined;
    },
  });
  return value?.trim() || undefined;
}
