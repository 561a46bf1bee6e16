// Saved transcripts, from the editor's side: the language server writes and lists them (the probe
// engine's transcript store); the client only opens what the server names.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RenderTranscriptRequest, SaveComparisonRequest, transcriptListSchema, TranscriptsRequest } from '../../../shared/lsp';

export async function openMarkdown(path: string, column?: vscode.ViewColumn): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
}

/** One side-by-side Markdown of saved transcripts, written by the server; opened beside the editor. */
export async function openComparison(client: LanguageClient, jsonPaths: string[]): Promise<void> {
  const { markdown } = await client.sendRequest(SaveComparisonRequest, { json: jsonPaths });
  await openMarkdown(markdown, vscode.ViewColumn.Beside);
}

/** "Open Probe Transcript…": newest first; the server renders the Markdown again (migrating old files). */
export async function openTranscriptCommand(client: LanguageClient, log: vscode.LogOutputChannel): Promise<void> {
  const resource = vscode.window.activeTextEditor?.document.uri.toString();
  const answer = transcriptListSchema.safeParse(await client.sendRequest(TranscriptsRequest, resource ? { resource } : {}));
  if (!answer.success) throw new Error(`The language server sent an invalid transcript list: ${answer.error.issues[0]?.message}`);
  const { folder, items } = answer.data;
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Samsara: no probe transcripts in ${vscode.workspace.asRelativePath(folder)} yet.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    items.map((item) => ({ label: item.name, item })),
    { title: 'Samsara: Open probe transcript', placeHolder: 'Transcript', ignoreFocusOut: true },
  );
  if (!picked) return;
  const { markdown, migratedFrom } = await client.sendRequest(RenderTranscriptRequest, { json: picked.item.json });
  if (migratedFrom !== undefined) log.debug(`${picked.item.name}: read as a version ${migratedFrom} transcript`);
  await openMarkdown(markdown);
}
