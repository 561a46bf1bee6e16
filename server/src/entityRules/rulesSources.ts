// Where entity rules files are: `.samsara/entities.yaml` (or `.yml`, `.json`) at the root of each
// workspace folder, and the user's own file (setting `samsara.entities.userFile`), which adds to
// them. Files are read as data, never run, whatever the workspace's trust; one over the size cap
// is not read at all.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readBoundedText, TooLargeError } from '../workspace/boundedRead';
import type { RulesProblem } from './rulesFile';

export const RULES_DIR = '.samsara';
/** In order of preference: a folder with several reads the first. */
export const RULES_FILE_NAMES = ['entities.yaml', 'entities.yml', 'entities.json'] as const;
/** What the client watches (every folder's rules file, wherever it is). */
export const RULES_WATCH_GLOB = '**/.samsara/entities.{yaml,yml,json}';
export const MAX_RULES_FILE_BYTES = 256 * 1024;

export interface RulesFileRef {
  uri: string;
  path: string;
  scope: 'workspace' | 'user';
  /** The folder a workspace's file must stay in (its real path inside it). */
  root?: string;
}

export type ReadResult = { text: string } | { missing: true } | { problem: RulesProblem };

const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The user file's path from the setting: `~` is the home folder; '' or a relative path: none. */
export function userRulesPath(setting: string): string | undefined {
  const trimmed = setting.trim();
  if (trimmed === '') return undefined;
  const expanded = trimmed === '~' || trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(1)) : trimmed;
  return isAbsolute(expanded) ? expanded : undefined;
}

/** The rules files that exist, workspace folders first (in order), then the user's. */
export async function findRulesFiles(folderUris: readonly string[], userFile: string | undefined): Promise<RulesFileRef[]> {
  const found: RulesFileRef[] = [];
  for (const folder of folderUris) {
    if (!folder.startsWith('file:')) continue;
    const root = fileURLToPath(folder);
    const existing = await existingRulesFile(root);
    if (existing) found.push({ uri: pathToFileURL(existing).href, path: existing, scope: 'workspace', root });
  }
  if (userFile && (await isFile(userFile))) found.push({ uri: pathToFileURL(userFile).href, path: userFile, scope: 'user' });
  return found;
}

/** The rules file of a folder: the first that exists of RULES_FILE_NAMES. */
export async function existingRulesFile(folderPath: string): Promise<string | undefined> {
  for (const name of RULES_FILE_NAMES) {
    const path = join(folderPath, RULES_DIR, name);
    if (await isFile(path)) return path;
  }
  return undefined;
}

/** The file a code action edits for a document in `folderPath`: the existing one, else a new `entities.yaml`. */
export async function editableRulesFile(folderPath: string): Promise<{ path: string; exists: boolean }> {
  const existing = await existingRulesFile(folderPath);
  return existing ? { path: existing, exists: true } : { path: join(folderPath, RULES_DIR, RULES_FILE_NAMES[0]), exists: false };
}

/**
 * The text of a rules file, at most MAX_RULES_FILE_BYTES by the bytes actually read, from a regular
 * file (never blocking on a FIFO) whose real path is inside `root` when given (a workspace's file
 * stays in its folder) and never in /proc, /sys or /dev.
 */
export async function readRulesFile(path: string, root?: string): Promise<ReadResult> {
  try {
    return { text: await readBoundedText(path, MAX_RULES_FILE_BYTES, root) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    if (error instanceof TooLargeError) {
      const message = `the file is over the limit of ${MAX_RULES_FILE_BYTES / 1024} KB: not read`;
      return { problem: { path: '(root)', message, severity: 'error', range: WHOLE_FILE } };
    }
    const message = `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
    return { problem: { path: '(root)', message, severity: 'error', range: WHOLE_FILE } };
  }
}

/** What the client watches for the user file: its folder and name. */
export function userFileWatch(path: string): { baseUri: string; pattern: string } {
  return { baseUri: pathToFileURL(dirname(path)).href, pattern: basename(path) };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
