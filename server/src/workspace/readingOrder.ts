// The order a writer reads the workspace's files in: the chapters `.samsara/manuscript.yaml` lists
// (paths relative to its folder, or globs), in that order, then every other file by its path with
// numbers compared as numbers ("chapter 2" before "chapter 10"). The file is untrusted input: read
// bounded, parsed with YAML's limits, and a bad one is reported and ignored (paths order applies).
//
//   chapters:
//     - prologue.md
//     - part-1/*.md
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { parseYamlSafely } from '../../../shared/safeYaml';
import { z } from 'zod';

export const MANUSCRIPT_FILE = '.samsara/manuscript.yaml';
const MAX_CHAPTERS = 10_000;

const ManuscriptSchema = z.union([
  z.array(z.string().min(1).max(1000)).max(MAX_CHAPTERS),
  z.object({ chapters: z.array(z.string().min(1).max(1000)).max(MAX_CHAPTERS) }),
]);

/** The chapters a manuscript file lists, or why it is not usable. */
export function parseManuscript(text: string): { chapters: string[] } | { problem: string } {
  const read = parseYamlSafely(text);
  if (!read.ok) return { problem: `not valid YAML: ${read.message.split('\n')[0]}` };
  const parsed = ManuscriptSchema.safeParse(read.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      problem:
        `expected a list of chapter paths (or \`chapters:\` with one): ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    };
  }
  return { chapters: Array.isArray(parsed.data) ? parsed.data : parsed.data.chapters };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export class ReadingOrder {
  private readonly matchers: { folder: string; match: (path: string) => boolean }[] = [];

  /** `manuscripts`: per workspace folder URI, the chapters its manuscript file lists. */
  constructor(manuscripts: ReadonlyMap<string, readonly string[]> = new Map()) {
    for (const [folderUri, chapters] of manuscripts) {
      const folder = fileURLToPath(folderUri);
      for (const chapter of chapters) this.matchers.push({ folder, match: picomatch(chapter.replace(/^\.\//, ''), { dot: false }) });
    }
  }

  /** `uris` in reading order. */
  sort(uris: Iterable<string>): string[] {
    const keyed = [...uris].map((uri) => ({ uri, rank: this.rank(uri) }));
    keyed.sort((a, b) => a.rank - b.rank || collator.compare(a.uri, b.uri));
    return keyed.map((k) => k.uri);
  }

  /** Position in the manuscript; files it does not list come after every chapter. */
  private rank(uri: string): number {
    if (!uri.startsWith('file:')) return Number.MAX_SAFE_INTEGER;
    const path = fileURLToPath(uri);
    for (let i = 0; i < this.matchers.length; i++) {
      const { folder, match } = this.matchers[i];
      const inside = relative(folder, path);
      if (inside.startsWith('..')) continue;
      if (match(inside.split(sep).join('/'))) return i;
    }
    return this.matchers.length;
  }
}

/**
 * The reading order of `folderUris` as their manuscript files say now (read at each use: a small
 * file, and no watcher to miss its change), with the first problem found in one.
 */
export async function loadReadingOrder(
  folderUris: readonly string[],
  read: (uri: string) => Promise<string | undefined>,
): Promise<{ order: ReadingOrder; problem?: string }> {
  const manuscripts = new Map<string, string[]>();
  let problem: string | undefined;
  for (const folder of folderUris) {
    const uri = `${folder.replace(/\/$/, '')}/${MANUSCRIPT_FILE}`;
    const text = await read(uri);
    if (text === undefined) continue;
    const parsed = parseManuscript(text);
    if ('problem' in parsed) problem ??= `${MANUSCRIPT_FILE}: ${parsed.problem}`;
    else manuscripts.set(folder, parsed.chapters);
  }
  return { order: new ReadingOrder(manuscripts), ...(problem ? { problem } : {}) };
}
