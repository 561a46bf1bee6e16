// API keys (and the probe store's password) live in SecretStorage only (never settings, never
// logs). Read on every request so a key set or cleared in another window applies at once. Every key read or stored is first added
// to the log's SecretSet (client/src/redactingLog.ts), so a key can never be traced before the
// log knows to hide it.
import * as vscode from 'vscode';
import { PROVIDERS } from '../../../shared/probes/providers';
import type { SecretSet } from '../redactingLog';

export function secretKey(provider: string): string {
  return `samsara.apiKey.${provider}`;
}

/** The probe store's password (samsara.probes.store holds the address without it). */
export const STORE_PASSWORD_SECRET = 'samsara.probeStore.password';

/** A secret read or stored elsewhere (the probe store's password): the log hides it from now on. */
export function rememberSecret(value: string | undefined): void {
  known?.add(value);
}

/** Set once at activation: the secrets the "Samsara" log redacts. */
let known: SecretSet | undefined;

/** Loads every stored key into `set` and keeps it current as keys change (in this window or another). */
export async function trackApiKeys(secrets: vscode.SecretStorage, set: SecretSet): Promise<vscode.Disposable> {
  known = set;
  for (const id of PROVIDERS.keys()) set.add(await secrets.get(secretKey(id)));
  set.add(await secrets.get(STORE_PASSWORD_SECRET));
  return secrets.onDidChange(async (event) => {
    if (event.key.startsWith('samsara.apiKey.') || event.key === STORE_PASSWORD_SECRET) set.add(await secrets.get(event.key));
  });
}

export async function getApiKey(secrets: vscode.SecretStorage, provider: string): Promise<string | undefined> {
  const key = await secrets.get(secretKey(provider));
  known?.add(key);
  return key && key.trim() !== '' ? key : undefined;
}

/** Every stored key, by provider (for the doctor's check of each provider). */
export async function allApiKeys(secrets: vscode.SecretStorage): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const id of PROVIDERS.keys()) {
    const key = await getApiKey(secrets, id);
    if (key) keys[id] = key;
  }
  return keys;
}

/** Asks for a provider's key and stores it; `why` says what it is needed for (a probe waiting on it). True once stored. */
export async function setApiKeyCommand(
  secrets: vscode.SecretStorage,
  log: vscode.LogOutputChannel,
  provider?: string,
  why?: string,
): Promise<boolean> {
  const chosen = provider ?? (await pickProvider(secrets, 'Set the API key of which provider?', false));
  if (!chosen) return false;
  const info = PROVIDERS.get(chosen);
  const key = await vscode.window.showInputBox({
    title: `Samsara: API key for ${info?.label ?? chosen}`,
    prompt: `${why ? `${why} ` : ''}Stored in the editor's secret storage, never in settings.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Enter a key (use "Clear API Key…" to remove one)' : undefined),
  });
  if (key === undefined) return false;
  known?.add(key);
  await secrets.store(secretKey(chosen), key.trim());
  log.info(`API key for ${info?.label ?? chosen} stored in secret storage`);
  void vscode.window.showInformationMessage(`Samsara: API key for ${info?.label ?? chosen} saved.`);
  return true;
}

export async function clearApiKeyCommand(secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<void> {
  const stored: string[] = [];
  for (const id of PROVIDERS.keys()) if (await getApiKey(secrets, id)) stored.push(id);
  if (stored.length === 0) {
    void vscode.window.showInformationMessage('Samsara: no API keys are stored.');
    return;
  }
  const chosen = await pickProvider(secrets, 'Clear the API key of which provider?', true, stored);
  if (!chosen) return;
  await secrets.delete(secretKey(chosen));
  log.info(`API key for ${PROVIDERS.get(chosen)?.label ?? chosen} removed from secret storage`);
  void vscode.window.showInformationMessage(`Samsara: API key for ${PROVIDERS.get(chosen)?.label ?? chosen} cleared.`);
}

async function pickProvider(
  secrets: vscode.SecretStorage,
  title: string,
  onlyStored: boolean,
  stored: string[] = [],
): Promise<string | undefined> {
  const items: Array<vscode.QuickPickItem & { id: string }> = [];
  for (const info of PROVIDERS.values()) {
    if (onlyStored && !stored.includes(info.id)) continue;
    const has = onlyStored || (await getApiKey(secrets, info.id)) !== undefined;
    items.push({
      id: info.id,
      label: info.label,
      description: info.id,
      detail: has ? 'key stored' : info.requiresKey ? undefined : 'optional: local server',
    });
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Samsara: ${title}`, placeHolder: 'Provider', ignoreFocusOut: true });
  return picked?.id;
}
