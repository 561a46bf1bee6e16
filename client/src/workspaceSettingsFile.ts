// The workspace toggle writes `samsara.enable` into the folder's `.vscode/settings.json`. A writer
// who toggles back should not find a file (or a `.vscode` folder) they never made: before the
// first write we note whether they existed, and once a later toggle has removed the setting and
// left the file holding nothing, we delete what we created.
import * as vscode from 'vscode';
import { isEmptySettingsText } from './highlightState';

const CREATED = 'samsara.createdWorkspaceSettings';

interface Created {
  /** The settings file did not exist before our write. */
  file: boolean;
  /** Nor did its `.vscode` folder. */
  folder: boolean;
}

/** The single folder's settings file; undefined in a multi-root workspace (settings live in its .code-workspace file). */
function settingsFile(): { dir: vscode.Uri; file: vscode.Uri } | undefined {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length !== 1 || vscode.workspace.workspaceFile) return undefined;
  const dir = vscode.Uri.joinPath(folders[0].uri, '.vscode');
  return { dir, file: vscode.Uri.joinPath(dir, 'settings.json') };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Call before writing a workspace setting: remembers whether the file and folder are ours. */
export async function beforeWorkspaceWrite(state: vscode.Memento): Promise<void> {
  const paths = settingsFile();
  if (!paths || state.get<Created>(CREATED)) return;
  const file = !(await exists(paths.file));
  if (!file) return;
  await state.update(CREATED, { file, folder: !(await exists(paths.dir)) } satisfies Created);
}

/** Call after removing a workspace setting: deletes the file (and folder) we created if nothing is left in them. */
export async function afterWorkspaceRemoval(state: vscode.Memento, log: vscode.LogOutputChannel): Promise<void> {
  const paths = settingsFile();
  const created = state.get<Created>(CREATED);
  if (!paths || !created?.file) return;
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(paths.file));
  } catch {
    await state.update(CREATED, undefined);
    return;
  }
  // Someone (the writer, another extension) put settings there since: the file is theirs now.
  if (!isEmptySettingsText(text)) return;
  await vscode.workspace.fs.delete(paths.file);
  if (created.folder) {
    const left = await vscode.workspace.fs.readDirectory(paths.dir).then(
      (entries) => entries.length,
      () => 1,
    );
    if (left === 0) await vscode.workspace.fs.delete(paths.dir);
  }
  await state.update(CREATED, undefined);
  log.debug(`Removed ${vscode.workspace.asRelativePath(paths.file)}: Samsara created it and it holds no setting any more`);
}
