// The files `samsara entities` reads, from the paths on its command line: a folder is walked with
// the workspace scan's own rules (languages by extension, .gitignore, a size cap); a file named on
// its own is read whatever its extension. Paths are shown relative to the current folder.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { describeFileError, inspectFile, walkFolder, type Found, type ScanRules, languageFiles } from '../../../server/src/engine';
import type { EntitiesOptions } from './entitiesOptions';

/** A path as the output names it: relative to `cwd` when inside it, `/`-separated. */
export function displayName(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  const name = inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
  return name.split(sep).join('/');
}

/** Every file to read (and every path that cannot be), in command-line order, folders walked in name order. */
export async function* inputs(options: EntitiesOptions, cwd: string): AsyncGenerator<Found> {
  // The LaTeX, reStructuredText and Typst parsers (WebAssembly) load on the first file of their
  // format, as the analysis of that file awaits them (analyseText): a run over plain text and
  // Markdown never compiles them.
  const languages = languageFiles(options.languages);
  // A file named on its own: the format its extension says (Markdown, LaTeX, …), plain text otherwise.
  const named = languageFiles(['markdown', 'latex', 'restructuredtext', 'typst', 'asciidoc', 'org', ...options.languages]);
  const rules: ScanRules = {
    languages,
    include: [],
    exclude: [],
    excludedFolders: [],
    maxFileBytes: options.maxFileBytes,
    gitignore: options.gitignore,
  };
  for (const arg of options.paths) {
    const path = resolve(cwd, arg);
    const name = displayName(cwd, path);
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      yield { kind: 'unreadable', path, relativePath: name, message: describeFileError(error) };
      continue;
    }
    if (!isFolder) {
      yield await inspectFile(path, name, named.languageOf(path) ?? 'plaintext', options.maxFileBytes);
      continue;
    }
    for await (const found of walkFolder(path, rules)) yield { ...found, relativePath: displayName(cwd, found.path) };
  }
}
