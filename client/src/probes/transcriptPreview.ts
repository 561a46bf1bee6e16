// Opening saved transcripts: the language server writes and renders them (the probe engine's
// transcript store); the client opens what the server names as the rendered Markdown preview (a
// transcript is read, not edited; the preview's "Open Source" button is one click away). Used by
// the probe commands, the history, the compare view and "Open Probe Transcript…" (transcripts.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RenderTranscriptRequest, SaveComparisonRequest, type HistoryEntry } from '../../../shared/lsp';
import type { Transcript } from '../../../shared/probes/transcript';
import { transcriptToMarkdown } from '../../../shared/probes/transcriptMarkdown';

/**
 * Opens a saved Markdown file as its rendered preview (in the active group, or `column`). Locked
 * ("[Preview] …"): a dynamic preview follows the active editor, so clicking back into the document
 * would turn the transcript's tab into a preview of the document.
 */
export async function openTranscriptPreview(path: string, column?: vscode.ViewColumn): Promise<void> {
  const uri = vscode.Uri.file(path);
  if (column === vscode.ViewColumn.Beside) await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', uri);
  else await vscode.commands.executeCommand('markdown.showPreview', uri, undefined, { locked: true });
}

/** A transcript the server could not save: its rendering in an untitled document (the user may save it). */
export async function showUnsavedTranscript(transcript: Transcript): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: transcriptToMarkdown(transcript) });
  await vscode.window.showTextDocument(document, { preview: false });
}

/** One side-by-side Markdown of saved transcripts, written by the server; opened beside the editor. */
export async function openComparison(client: LanguageClient, jsonPaths: string[]): Promise<void> {
  const { markdown } = await client.sendRequest(SaveComparisonRequest, { json: jsonPaths });
  await openTranscriptPreview(markdown, vscode.ViewColumn.Beside);
}

/** Renders a saved transcript again (migrating an old file) and opens its preview. */
export async function openSavedTranscript(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  entry: Pick<HistoryEntry, 'json' | 'name'>,
): Promise<void> {
  const { markdown, migratedFrom } = await client.sendRequest(RenderTranscriptRequest, { json: entry.json });
  if (migratedFrom !== undefined) log.debug(`${entry.name}: read as a version ${migratedFrom} transcript`);
  await openTranscriptPreview(markdown);
}
