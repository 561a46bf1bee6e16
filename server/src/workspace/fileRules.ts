// Which files of a folder the scan reads: the configured languages (by extension), the include
// and exclude globs (samsara.workspace.include/exclude, and the editor's files.exclude and
// search.exclude, which users already keep their build output and vendored trees out of), the
// .gitignore files met on the way down, and a size cap. Pure: the walk (discovery.ts) asks.
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { LanguageFiles } from './languageFiles';

export interface ScanRules {
  languages: LanguageFiles;
  /** Globs relative to the folder; a file must match one of them. Empty: every file. */
  include: readonly string[];
  /** Globs relative to the folder; a file or folder matching one is left out. */
  exclude: readonly string[];
  /** Folders (relative, `/`-separated) left out whatever the globs say: the probe transcripts. */
  excludedFolders: readonly string[];
  /** Files larger than this many bytes are left out. */
  maxFileBytes: number;
  /** Whether .gitignore files apply. */
  gitignore: boolean;
}

/** The globs of a `files.exclude`-style setting that are on (`true`); `{when}` conditions are not evaluated. */
export function enabledGlobs(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) return [];
  return Object.entries(setting as Record<string, unknown>).flatMap(([glob, on]) => (on === true ? [glob] : []));
}

/** Globs compiled once per scan. Paths are relative to the folder, `/`-separated. */
export class PathFilter {
  private readonly included: ((path: string) => boolean) | undefined;
  private readonly excluded: (path: string) => boolean;
  private readonly folders: readonly string[];

  constructor(private readonly rules: ScanRules) {
    const options = { dot: true };
    this.included = rules.include.length > 0 ? picomatch([...rules.include], options) : undefined;
    this.excluded = rules.exclude.length > 0 ? picomatch([...rules.exclude], options) : () => false;
    this.folders = rules.excludedFolders.map((folder) => folder.replace(/\/+$/, ''));
  }

  /** Whether the walk goes into this folder. */
  entersFolder(path: string): boolean {
    if (path.split('/').at(-1) === '.git') return false;
    if (this.folders.some((folder) => path === folder || path.startsWith(`${folder}/`))) return false;
    return !this.excluded(path);
  }

  /** The language id of a file the scan reads, or undefined when the rules leave it out. */
  languageOfFile(path: string): string | undefined {
    const languageId = this.rules.languages.languageOf(path);
    if (!languageId || this.excluded(path)) return undefined;
    if (this.included && !this.included(path)) return undefined;
    if (this.folders.some((folder) => path.startsWith(`${folder}/`))) return undefined;
    return languageId;
  }
}

/**
 * The .gitignore files from the folder down to one directory: as git reads them, a deeper file
 * decides over a shallower one (a `!pattern` there takes a file back in).
 */
export class GitignoreChain {
  private constructor(private readonly levels: readonly { dir: string; rules: Ignore }[]) {}

  static readonly empty = new GitignoreChain([]);

  /** The chain of a directory `dir` (relative) whose own .gitignore holds `content`. */
  with(dir: string, content: string): GitignoreChain {
    return new GitignoreChain([...this.levels, { dir, rules: ignore().add(content) }]);
  }

  ignores(path: string, isFolder: boolean): boolean {
    let ignored = false;
    for (const level of this.levels) {
      const relative = level.dir === '' ? path : path.slice(level.dir.length + 1);
      const result = level.rules.test(isFolder ? `${relative}/` : relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
