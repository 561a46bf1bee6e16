// The `samsara` launcher that "Samsara: Install Command Line…" writes, as VS Code does for `code`:
// a small script that runs the extension's own dist/cli.js with the editor's own Node (the
// extension host's process.execPath; in desktop VS Code that is Electron, which runs as Node with
// ELECTRON_RUN_AS_NODE=1), so the command line needs no Node or Python of the user's and uses the
// bundled language model. No vscode import: the unit tests check it directly.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The line that marks a launcher as ours: a file without it is never overwritten or removed unasked. */
export const LAUNCHER_MARK = 'installed by "Samsara: Install Command Line"';

export interface LauncherTarget {
  /** The Node (or Electron) executable that runs the command line. */
  execPath: string;
  /** The extension's folder (holds dist/cli.js and python-dist/). */
  extensionPath: string;
  version: string;
  platform: NodeJS.Platform;
}

export function launcherName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'samsara.cmd' : 'samsara';
}

export function launcherText(target: LauncherTarget): string {
  const cli = path.join(target.extensionPath, 'dist', 'cli.js');
  if (target.platform === 'win32') {
    return [
      '@echo off',
      `rem samsara ${target.version}: the Samsara extension's command line, ${LAUNCHER_MARK}.`,
      'setlocal',
      'set ELECTRON_RUN_AS_NODE=1',
      `"${target.execPath}" "${cli}" %*`,
      '',
    ].join('\r\n');
  }
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    `# samsara ${target.version}: the Samsara extension's command line, ${LAUNCHER_MARK}.`,
    `ELECTRON_RUN_AS_NODE=1 exec ${quote(target.execPath)} ${quote(cli)} "$@"`,
    '',
  ].join('\n');
}

/** True when `file` is a launcher this extension wrote. */
export function isOurLauncher(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').slice(0, 400).includes(LAUNCHER_MARK);
  } catch {
    return false;
  }
}

/** True when `file` is ours but runs another extension folder or editor (after an update). */
export function isStale(file: string, target: LauncherTarget): boolean {
  return isOurLauncher(file) && readFileSync(file, 'utf8') !== launcherText(target);
}

export interface FolderChoice {
  folder: string;
  onPath: boolean;
}

function writable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where the launcher can go: the folders on PATH inside the home folder that the user can write to
 * (e.g. ~/.local/bin, ~/bin; on Windows %LOCALAPPDATA%\Microsoft\WindowsApps), then ~/.local/bin
 * (or %LOCALAPPDATA%\Programs\Samsara) even when not on PATH yet, which is said.
 */
export function candidateFolders(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home = os.homedir()): FolderChoice[] {
  const sep = platform === 'win32' ? ';' : ':';
  const onPath = (env.PATH ?? env.Path ?? '').split(sep).filter((p) => p.trim() !== '');
  const inHome = (p: string): boolean => path.resolve(p).startsWith(path.resolve(home) + path.sep);
  const seen = new Set<string>();
  const choices: FolderChoice[] = [];
  for (const folder of onPath) {
    const resolved = path.resolve(folder);
    if (seen.has(resolved) || !inHome(resolved) || !writable(resolved)) continue;
    seen.add(resolved);
    choices.push({ folder: resolved, onPath: true });
  }
  const fallback =
    platform === 'win32'
      ? path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Programs', 'Samsara')
      : path.join(home, '.local', 'bin');
  if (!seen.has(fallback)) choices.push({ folder: fallback, onPath: false });
  return choices;
}

/** What stands in the way of writing the launcher into `folder`, or undefined. */
export function conflict(folder: string, platform: NodeJS.Platform): string | undefined {
  const file = path.join(folder, launcherName(platform));
  if (existsSync(file) && !isOurLauncher(file)) return `${file} exists and was not written by Samsara`;
  return undefined;
}
