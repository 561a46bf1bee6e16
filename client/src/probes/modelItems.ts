// The rows of the model pickers, pure (no vscode values) so unit tests read them: the last used
// models first, then the configured ones, then what the providers list for the user's keys, and
// "Other model…". A model whose provider needs a key the user has not set is marked, with a key
// button that sets it without leaving the picker.
import { providerLabel, PROVIDERS, resolveModelSpec } from '../../../shared/probes/providers';

export const OTHER_MODEL_LABEL = '$(edit) Other model…';
export const SET_KEY_TOOLTIP = 'Set API Key…';

export interface ModelRow {
  label: string;
  description?: string;
  /** The model spec; absent on "Other model…" and separators. */
  model?: string;
  /** The provider whose key this row's button sets. */
  missingKeyOf?: string;
  separator?: boolean;
}

export interface ModelRowsInput {
  /** Last used (single pick) or last compared (many), shown first. */
  first: readonly string[];
  /** samsara.probes.models. */
  configured: readonly string[];
  /** Models typed in through "Other model…" during this pick. */
  added?: readonly string[];
  /** What the providers listed for the stored keys. */
  listed: readonly string[];
  /** Providers that can be asked: a key is stored, or none is needed. */
  ready: ReadonlySet<string>;
}

/** The provider id a model spec names, when it names a known one. */
export function providerOfModel(model: string): string | undefined {
  const ref = resolveModelSpec(model);
  return 'model' in ref ? ref.provider : undefined;
}

/** Providers of `models` that need a key the user has not set, each once, in order. */
export function providersWithoutKey(models: readonly string[], ready: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const model of models) {
    const provider = providerOfModel(model);
    if (provider && PROVIDERS.get(provider)?.requiresKey && !ready.has(provider) && !missing.includes(provider)) missing.push(provider);
  }
  return missing;
}

export function modelRows(input: ModelRowsInput): ModelRow[] {
  const seen = new Set<string>();
  const rows: ModelRow[] = [];
  const push = (model: string, fact?: string): void => {
    if (seen.has(model)) return;
    seen.add(model);
    const provider = providerOfModel(model);
    const name = provider ? providerLabel(provider) : undefined;
    const noKey = provider !== undefined && providersWithoutKey([model], input.ready).length > 0;
    const description = noKey
      ? `$(key) ${name}: no API key yet`
      : [name, fact].filter((part): part is string => part !== undefined).join(' · ') || undefined;
    rows.push({ label: model, model, description, ...(noKey ? { missingKeyOf: provider } : {}) });
  };
  for (const model of input.first) push(model, 'last used');
  for (const model of input.added ?? []) push(model, 'added');
  for (const model of input.configured) push(model);
  const fresh = input.listed.filter((m) => !seen.has(m));
  if (fresh.length > 0) rows.push({ label: 'Listed by the providers for your keys', separator: true });
  for (const model of fresh) push(model);
  rows.push({ label: OTHER_MODEL_LABEL });
  return rows;
}

/** What the compare picker says when fewer than two models are ticked. */
export function compareTitle(ticked: number, asked: boolean): string {
  const base = 'Samsara: Compare which models?';
  if (!asked) return base;
  return ticked === 0
    ? `${base} None ticked: tick at least two`
    : `${base} Only ${ticked} ticked: tick at least two (Probe Selection… runs one model)`;
}
