// Walks a folder for the files the scan reads (fileRules.ts decides which). Folders are read one
// at a time and yielded as they come, so the first files are analysed while the walk goes on.
// Symbolic links to folders are not followed (a link back up would loop); a link to a file is
// read only when it stays inside the folder and out of /proc, /sys and /dev (boundedRead.ts), and
// a link that leads nowhere, or out, is reported like any file that cannot be read.
import { lstat, opendir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { confinedPath, readBoundedText } from './boundedRead';
import { GitignoreChain, PathFilter, type ScanRules } from './fileRules';

export type Found =
  | { kind: 'file'; path: string; relativePath: string; languageId: string; bytes: number }
  /** Over the size cap: left out, counted. */
  | { kind: 'tooLarge'; path: string; relativePath: string; bytes: number }
  | { kind: 'unreadable'; path: string; relativePath: string; message: string };

/** A .gitignore larger than this is not read (git's own are kilobytes). */
const MAX_GITIGNORE_BYTES = 256 * 1024;

export interface WalkOptions {
  /** Checked between folders: a cancelled scan stops walking. */
  cancelled?(): boolean;
}

/** Files under `root` that the rules let in, folder by folder (entries sorted by name). */
export async function* walkFolder(root: string, rules: ScanRules, options: WalkOptions = {}): AsyncGenerator<Found> {
  const filter = new PathFilter(rules);
  const pending: { dir: string; chain: GitignoreChain }[] = [{ dir: root, chain: GitignoreChain.empty }];
  while (pending.length > 0) {
    if (options.cancelled?.()) return;
    const { dir, chain: parentChain } = pending.shift() as { dir: string; chain: GitignoreChain };
    const folder = toSlashes(relative(root, dir));
    let names: { name: string; isDir: boolean }[];
    try {
      names = await readFolder(dir);
    } catch (error) {
      // The root itself unreadable is the caller's news; a subfolder is skipped like git would.
      if (folder === '') yield { kind: 'unreadable', path: dir, relativePath: '.', message: describeFileError(error) };
      continue;
    }
    let chain = parentChain;
    if (rules.gitignore && names.some((entry) => entry.name === '.gitignore' && !entry.isDir)) {
      const content = await readBoundedText(join(dir, '.gitignore'), MAX_GITIGNORE_BYTES, root).catch(() => '');
      chain = chain.with(folder, content);
    }
    const subfolders: string[] = [];
    for (const entry of names) {
      const path = join(dir, entry.name);
      const relativePath = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDir) {
        if (filter.entersFolder(relativePath) && !(rules.gitignore && chain.ignores(relativePath, true))) subfolders.push(path);
        continue;
      }
      const languageId = filter.languageOfFile(relativePath);
      if (!languageId || (rules.gitignore && chain.ignores(relativePath, false))) continue;
      const found = await inspect(path, relativePath, languageId, rules.maxFileBytes, root);
      if (found) yield found;
    }
    pending.unshift(...subfolders.map((sub) => ({ dir: sub, chain })));
  }
}

/**
 * The language of the file at `relativePath` under `root` if the rules let it in (the same
 * answer the walk would give, .gitignore files on its way included), else undefined. For a file
 * a watcher reports, without walking the folder again.
 */
export async function admits(root: string, relativePath: string, rules: ScanRules): Promise<string | undefined> {
  const filter = new PathFilter(rules);
  const parts = relativePath.split('/');
  let chain = GitignoreChain.empty;
  for (let depth = 0; depth < parts.length; depth++) {
    const folder = parts.slice(0, depth).join('/');
    if (depth > 0 && (!filter.entersFolder(folder) || (rules.gitignore && chain.ignores(folder, true)))) return undefined;
    if (rules.gitignore) {
      const content = await readBoundedText(join(root, ...parts.slice(0, depth), '.gitignore'), MAX_GITIGNORE_BYTES, root).catch(
        () => undefined,
      );
      if (content !== undefined) chain = chain.with(folder, content);
    }
  }
  const languageId = filter.languageOfFile(relativePath);
  return languageId && !(rules.gitignore && chain.ignores(relativePath, false)) ? languageId : undefined;
}

/**
 * A file named on its own (the command line): read whatever its extension, as plain text unless
 * it says Markdown. It is its own root, but a system folder (/proc, /sys, /dev) is still refused.
 */
export async function inspectFile(path: string, relativePath: string, languageId: string, maxFileBytes: number): Promise<Found> {
  return (
    (await inspect(path, relativePath, languageId, maxFileBytes, undefined)) ?? {
      kind: 'unreadable',
      path,
      relativePath,
      message: 'not a file',
    }
  );
}

async function inspect(
  path: string,
  relativePath: string,
  languageId: string,
  maxBytes: number,
  root: string | undefined,
): Promise<Found | undefined> {
  try {
    // Where a link leads is checked before anything is read (a stat of /proc files is harmless,
    // their size is not what a read yields).
    if (root === undefined || (await lstat(path)).isSymbolicLink()) await confinedPath(path, root);
    const info = await stat(path);
    if (info.isDirectory()) return undefined;
    if (!info.isFile()) return { kind: 'unreadable', path, relativePath, message: 'not a regular file' };
    if (info.size > maxBytes) return { kind: 'tooLarge', path, relativePath, bytes: info.size };
    return { kind: 'file', path, relativePath, languageId, bytes: info.size };
  } catch (error) {
    return { kind: 'unreadable', path, relativePath, message: describeFileError(error) };
  }
}

async function readFolder(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  const entries: { name: string; isDir: boolean }[] = [];
  for await (const entry of await opendir(dir)) {
    // A link is never entered as a folder (isDirectory is false for it); as a file it is
    // inspected, which follows it (to a file, a folder that is then skipped, or nowhere).
    entries.push({ name: entry.name, isDir: entry.isDirectory() });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Why a file cannot be read, in words (the system's code beside them). */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'ELOOP') return 'a symbolic link that loops (ELOOP)';
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
