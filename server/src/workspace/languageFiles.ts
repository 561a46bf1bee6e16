// Which files hold documents of the configured languages, by file name: what the workspace scan
// and `samsara entities` read when no editor has told them a language. `samsara.languages` holds
// VS Code language ids; these are the extensions VS Code gives those languages. A language with
// no entry here is never scanned (its open documents are still analysed).
import { extname } from 'node:path';
import { canonicalLanguageId } from '../text/languages';

const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  plaintext: ['.txt', '.text'],
  markdown: ['.md', '.markdown', '.mdown', '.mkd', '.mkdn', '.mdwn', '.mdtxt', '.mdtext'],
  restructuredtext: ['.rst', '.rest'],
  asciidoc: ['.adoc', '.asciidoc', '.asc'],
  latex: ['.tex', '.ltx', '.latex'],
  // Plain TeX shares .tex with LaTeX; a folder's .tex files are LaTeX's when both are configured.
  tex: ['.tex'],
  typst: ['.typ'],
  org: ['.org'],
};

export interface LanguageFiles {
  /** The language id of a file name, or undefined when no configured language claims it. */
  languageOf(fileName: string): string | undefined;
  /** Extensions (with the dot) of the configured languages, for file watchers. */
  readonly extensions: readonly string[];
  /** Configured languages this table knows no extension of (told once to the user's log). */
  readonly unknown: readonly string[];
}

export function languageFiles(languages: readonly string[]): LanguageFiles {
  const byExtension = new Map<string, string>();
  const unknown: string[] = [];
  for (const configured of languages) {
    const id = canonicalLanguageId(configured);
    const extensions = EXTENSIONS[id];
    if (!extensions) unknown.push(configured);
    for (const extension of extensions ?? []) if (!byExtension.has(extension)) byExtension.set(extension, id);
  }
  return {
    languageOf: (fileName) => byExtension.get(extname(fileName).toLowerCase()),
    extensions: [...byExtension.keys()],
    unknown,
  };
}

/** A glob matching every file of these extensions, as LSP file watchers take it. */
export function watcherGlob(extensions: readonly string[]): string {
  const names = extensions.map((extension) => extension.slice(1));
  return names.length === 1 ? `**/*.${names[0]}` : `**/*.{${names.join(',')}}`;
}
