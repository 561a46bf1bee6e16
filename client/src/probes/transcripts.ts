// "Open Probe Transcript…": the saved transcripts the language server lists, picked by what a
// writer remembers of a run (scenario, model(s), outcome, date and the first words of the
// passage), then opened as a preview (transcriptPreview.ts) or, for a comparison, its compare view.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TranscriptHistoryRequest, transcriptHistorySchema } from '../../../shared/lsp';
import type { CompareViews } from './compareView';
import { transcriptItems } from './transcriptItems';
import { openSavedTranscript } from './transcriptPreview';

/** "Open Probe Transcript…": the history, newest first; a comparison reopens its compare view. */
export async function openTranscriptCommand(client: LanguageClient, log: vscode.LogOutputChannel, compare: CompareViews): Promise<void> {
  const resource = vscode.window.activeTextEditor?.document.uri.toString();
  const answer = transcriptHistorySchema.safeParse(await client.sendRequest(TranscriptHistoryRequest, resource ? { resource } : {}));
  if (!answer.success) throw new Error(`The language server sent an invalid transcript list: ${answer.error.issues[0]?.message}`);
  const { folder, entries, problems } = answer.data;
  for (const p of problems) log.warn(`Open Probe Transcript: skipped ${p.file}: ${p.problem}`);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(`Samsara: no probe transcripts in ${vscode.workspace.asRelativePath(folder)} yet.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(transcriptItems(entries), {
    title: 'Samsara: Open probe transcript',
    placeHolder: 'Scenario, model, outcome, date or words of the passage',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) return;
  if (picked.choice.kind === 'comparison') await compare.open(client, { group: picked.choice.group });
  else await openSavedTranscript(client, log, picked.choice.entry);
}
