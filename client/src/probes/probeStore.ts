// The probe store in the editor: "Samsara: Set Probe Store Password…" (secret storage only; the
// address is the user setting samsara.probes.store), the store's listing for the Probe History,
// and a stored transcript opened read-only — a virtual `samsara-store:` document (no file, no
// Save) shown as its rendered preview. The server reads the database; the password travels only
// inside those requests, and the log hides it (it is added to the log's secrets first).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StoreHistoryRequest, storeHistorySchema, StoreTranscriptRequest, type StoreEntry, type StoreHistory } from '../../../shared/lsp';
import { modelLabel } from '../../../shared/probes/providers';
import { rememberSecret, STORE_PASSWORD_SECRET } from './apiKeys';

export const STORE_SCHEME = 'samsara-store';

/** The store's password, if one is set (and from now on hidden from the log). */
export async function storePassword(secrets: vscode.SecretStorage): Promise<string | undefined> {
  const password = await secrets.get(STORE_PASSWORD_SECRET);
  rememberSecret(password);
  return password || undefined;
}

/** Whether the user set a probe store (their own settings only: a workspace's value never counts). */
export function storeAddress(): string {
  const value = vscode.workspace.getConfiguration('samsara.probes').inspect<string>('store')?.globalValue;
  return typeof value === 'string' ? value.trim() : '';
}

export async function setStorePasswordCommand(secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<boolean> {
  const password = await vscode.window.showInputBox({
    title: 'Samsara: Probe store password',
    prompt: `The password of ${storeAddress() || 'the database in samsara.probes.store'}. Kept in the editor's secret storage, never in settings. Leave empty to remove it.`,
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) return false;
  if (password === '') {
    await secrets.delete(STORE_PASSWORD_SECRET);
    log.info('Probe store password removed from secret storage');
    void vscode.window.showInformationMessage('Samsara: probe store password removed.');
    return true;
  }
  rememberSecret(password);
  await secrets.store(STORE_PASSWORD_SECRET, password);
  log.info('Probe store password stored in secret storage');
  void vscode.window.showInformationMessage('Samsara: probe store password saved.');
  return true;
}

/** The store's transcripts, or why they could not be read (the local history is unaffected). */
export async function readStoreHistory(
  client: LanguageClient,
  secrets: vscode.SecretStorage,
): Promise<{ history: StoreHistory } | { problem: string }> {
  try {
    const password = await storePassword(secrets);
    const parsed = storeHistorySchema.safeParse(await client.sendRequest(StoreHistoryRequest, password ? { password } : {}));
    if (!parsed.success) return { problem: `invalid answer: ${parsed.error.issues[0]?.message}` };
    return { history: parsed.data };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Stored transcripts rendered by the server, by their virtual document's URI (read-only documents). */
export class StoredTranscripts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly rendered = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(STORE_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.rendered.get(uri.toString()) ?? '_This stored transcript is no longer loaded: open it again from the Probe History._';
  }

  /** Fetches a stored transcript and opens it as a locked, read-only preview. */
  async open(client: LanguageClient, secrets: vscode.SecretStorage, entry: StoreEntry): Promise<vscode.Uri> {
    const password = await storePassword(secrets);
    const { markdown } = await client.sendRequest(StoreTranscriptRequest, {
      campaign: entry.campaign,
      key: entry.key,
      ...(password ? { password } : {}),
    });
    const name = `${entry.campaign} ${modelLabel(entry.model)} ${entry.passage} #${entry.repeat}`.replace(/[\\/:*?"<>|]+/g, '-');
    const uri = vscode.Uri.from({ scheme: STORE_SCHEME, path: `/${name}.md`, query: `key=${entry.key}` });
    this.rendered.set(uri.toString(), markdown);
    await vscode.commands.executeCommand('markdown.showPreview', uri, undefined, { locked: true });
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.rendered.clear();
  }
}
