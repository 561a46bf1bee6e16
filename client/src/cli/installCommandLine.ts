// "Samsara: Install Command Line…" and "Samsara: Uninstall Command Line": put the `samsara`
// launcher (launcher.ts) into a folder on the PATH the user picks, and take it away again. The
// folders written are remembered, so uninstalling removes them all, and a launcher left pointing
// at an older version of the extension is rewritten on activation (an update moves the folder).
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { candidateFolders, conflict, isOurLauncher, isStale, launcherName, launcherText, type LauncherTarget } from './launcher';

const INSTALLED = 'samsara.commandLineFolders';

function targetOf(context: vscode.ExtensionContext): LauncherTarget {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '';
  return { execPath: process.execPath, extensionPath: context.extensionPath, version, platform: process.platform };
}

function tilde(folder: string): string {
  const home = os.homedir();
  return folder.startsWith(home + path.sep) ? `~${folder.slice(home.length)}` : folder;
}

function write(folder: string, target: LauncherTarget): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, launcherName(target.platform));
  writeFileSync(file, launcherText(target), { encoding: 'utf8' });
  if (target.platform !== 'win32') chmodSync(file, 0o755);
  return file;
}

async function chooseFolder(): Promise<string | undefined> {
  const choices = candidateFolders(process.env, process.platform);
  const other = 'Choose Another Folder…';
  const picked = await vscode.window.showQuickPick(
    [
      ...choices.map((c) => ({
        label: tilde(c.folder),
        description: c.onPath ? 'on your PATH' : 'not on your PATH yet',
        folder: c.folder,
      })),
      { label: other, description: 'a folder of your own', folder: '' },
    ],
    { title: 'Install the samsara command in which folder?', ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  if (picked.folder) return picked.folder;
  const uri = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Install Here' });
  return uri?.[0]?.fsPath;
}

export async function installCommandLine(context: vscode.ExtensionContext): Promise<void> {
  const folder = await chooseFolder();
  if (!folder) return;
  const target = targetOf(context);
  const problem = conflict(folder, target.platform);
  if (problem) {
    const replace = 'Replace It';
    const answer = await vscode.window.showWarningMessage(`${problem}. Replace it with Samsara's command?`, { modal: true }, replace);
    if (answer !== replace) return;
  }
  let file: string;
  try {
    file = write(folder, target);
  } catch (error) {
    void vscode.window.showErrorMessage(
      `The samsara command could not be written to ${folder}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  const folders = new Set(context.globalState.get<string[]>(INSTALLED, []));
  folders.add(folder);
  await context.globalState.update(INSTALLED, [...folders]);
  const sep = process.platform === 'win32' ? ';' : ':';
  const onPath = (process.env.PATH ?? '').split(sep).some((p) => p && path.resolve(p) === path.resolve(folder));
  void vscode.window.showInformationMessage(
    onPath
      ? `Installed the samsara command in ${tilde(folder)}. In a new terminal, try \`samsara entities chapter.md\` or \`samsara --help\`.`
      : `Installed the samsara command as ${file}. ${tilde(folder)} is not on your PATH: add it there (for example in your shell's profile) to run \`samsara\` by name.`,
  );
}

export async function uninstallCommandLine(context: vscode.ExtensionContext): Promise<void> {
  const name = launcherName(process.platform);
  const removed: string[] = [];
  for (const folder of context.globalState.get<string[]>(INSTALLED, [])) {
    const file = path.join(folder, name);
    if (!isOurLauncher(file)) continue;
    rmSync(file, { force: true });
    removed.push(tilde(file));
  }
  await context.globalState.update(INSTALLED, []);
  void vscode.window.showInformationMessage(
    removed.length ? `Removed the samsara command: ${removed.join(', ')}.` : 'No samsara command installed by Samsara was found.',
  );
}

/** On activation: rewrites launchers that still run a previous version's folder. */
export function refreshCommandLine(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const target = targetOf(context);
  for (const folder of context.globalState.get<string[]>(INSTALLED, [])) {
    const file = path.join(folder, launcherName(target.platform));
    try {
      if (isStale(file, target)) {
        write(folder, target);
        log.info(`Updated the samsara command in ${folder} for this version of the extension.`);
      }
    } catch (error) {
      log.warn(`The samsara command in ${folder} could not be updated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function registerCommandLineCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable[] {
  refreshCommandLine(context, log);
  return [
    vscode.commands.registerCommand('samsara.installCommandLine', () => installCommandLine(context)),
    vscode.commands.registerCommand('samsara.uninstallCommandLine', () => uninstallCommandLine(context)),
  ];
}
