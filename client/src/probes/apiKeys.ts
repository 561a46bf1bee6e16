// API keys live in SecretStorage only (never settings, never logs). Read on every request so a
// key set or cleared in another window applies at once.
import * as vscode from 'vscode';
import { PROVIDERS } from '../../../shared/probes/providers';

export function secretKey(provider: string): string {
  return `samsara.apiKey.${provider}`;
}

export async function getApiKey(secrets: vscode.SecretStorage, provider: string): Promise<string | undefined> {
  const key = await secrets.get(secretKey(provider));
  return key && key.trim() !== '' ? key : undefined;
}

export async function setApiKeyCommand(secrets: vscode.SecretStorage, log: vscode.LogOutputChannel, provider?: string): Promise<boolean> {
  const chosen = provider ?? (await pickProvider(secrets, 'Set the API key of which provider?', false));
  if (!chosen) return false;
  const info = PROVIDERS.get(chosen);
  const key = await vscode.window.showInputBox({
    title: `Samsara: API key for ${info?.label ?? chosen}`,
    prompt: "Stored in the editor's secret storage, never in settings.",
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Enter a key (use "Clear API Key…" to remove one)' : undefined),
  });
  if (key === undefined) return false;
  await secrets.store(secretKey(chosen), key.trim());
  log.info(`API key for ${chosen} stored in secret storage`);
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
  log.info(`API key for ${chosen} removed from secret storage`);
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
      label: info.id,
      description: info.label,
      detail: has ? 'key stored' : info.requiresKey ? undefined : 'optional: local server',
    });
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Samsara: ${title}`, placeHolder: 'Provider', ignoreFocusOut: true });
  return picked?.id;
}
