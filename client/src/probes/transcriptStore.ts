// Saves transcripts as JSON (with a Markdown rendering beside it) under the transcript folder,
// lists past ones, and reopens them. Without a workspace folder they go to global storage.
import * as vscode from 'vscode';
import { comparisonToMarkdown, transcriptFileStem, transcriptToMarkdown } from '../../../shared/probes/transcriptMarkdown';
import { transcriptSchema, type Transcript } from '../../../shared/probes/transcript';
import { transcriptFolder } from './probeSettings';

export function folderUri(context: vscode.ExtensionContext): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  const folder = transcriptFolder();
  if (!workspace) return vscode.Uri.joinPath(context.globalStorageUri, 'probes');
  return folder.startsWith('/') ? vscode.Uri.file(folder) : vscode.Uri.joinPath(workspace.uri, folder);
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Writes <stem>.json and <stem>.md; returns the Markdown file. */
export async function saveTranscript(context: vscode.ExtensionContext, transcript: Transcript): Promise<vscode.Uri> {
  const folder = folderUri(context);
  await vscode.workspace.fs.createDirectory(folder);
  const stem = transcriptFileStem(transcript);
  await write(vscode.Uri.joinPath(folder, `${stem}.json`), `${JSON.stringify(transcript, null, 2)}\n`);
  const markdown = vscode.Uri.joinPath(folder, `${stem}.md`);
  await write(markdown, transcriptToMarkdown(transcript));
  return markdown;
}

/** Saves every transcript's JSON and one side-by-side Markdown comparison; returns the latter. */
export async function saveComparison(context: vscode.ExtensionContext, transcripts: Transcript[]): Promise<vscode.Uri> {
  const folder = folderUri(context);
  await vscode.workspace.fs.createDirectory(folder);
  for (const t of transcripts) await write(vscode.Uri.joinPath(folder, `${transcriptFileStem(t)}.json`), `${JSON.stringify(t, null, 2)}\n`);
  const first = transcripts[0];
  const stem = `${first.run.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}-${first.scenario.id}-compare`.replace(
    /[^A-Za-z0-9._-]+/g,
    '-',
  );
  const markdown = vscode.Uri.joinPath(folder, `${stem}.md`);
  await write(markdown, comparisonToMarkdown(transcripts));
  return markdown;
}

export async function openMarkdown(uri: vscode.Uri, column?: vscode.ViewColumn): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
}

/** "Open Probe Transcript…": newest first; re-renders the Markdown if it is missing. */
export async function openTranscriptCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  const folder = folderUri(context);
  let entries: Array<[string, vscode.FileType]> = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    entries = [];
  }
  const names = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json'))
    .map(([name]) => name)
    .sort()
    .reverse();
  if (names.length === 0) {
    void vscode.window.showInformationMessage(`Samsara: no probe transcripts in ${vscode.workspace.asRelativePath(folder)} yet.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    names.map((name) => ({ label: name.replace(/\.json$/, ''), name })),
    {
      title: 'Samsara: Open probe transcript',
      placeHolder: 'Transcript',
      ignoreFocusOut: true,
    },
  );
  if (!picked) return;
  const jsonUri = vscode.Uri.joinPath(folder, picked.name);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(jsonUri)));
  } catch (error) {
    raw = error instanceof Error ? error.message : String(error);
  }
  const parsed = transcriptSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${vscode.workspace.asRelativePath(jsonUri)} is not a Samsara transcript: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
    log.warn(message);
    void vscode.window.showErrorMessage(`Samsara: ${message}`);
    return;
  }
  const markdown = vscode.Uri.joinPath(folder, picked.name.replace(/\.json$/, '.md'));
  await write(markdown, transcriptToMarkdown(parsed.data));
  await openMarkdown(markdown);
}
