// The order a writer reads the workspace's files in: the chapters `.samsara/manuscript.yaml` lists
// (paths relative to its folder, or globs), in that order, then every other file by its path with
// numbers compared as numbers ("chapter 2" before "chapter 10"). The file is untrusted input: read
// bounded, parsed with YAML's limits, and a bad one is reported and ignored (paths order applies).
//
//   chapters:
//     - prologue.md
//     - part-1/*.md
import { stat } from 'node:fs/promises';
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

type Manuscript = ReturnType<typeof parseManuscript>;
export interface LoadedOrder {
  order: ReadingOrder;
  problem?: string;
}

const manuscriptUri = (folder: string): string => `${folder.replace(/\/$/, '')}/${MANUSCRIPT_FILE}`;

/** The order the manuscripts of `folders` give (undefined: that folder has none), with the first problem. */
function orderOf(folders: readonly string[], manuscripts: readonly (Manuscript | undefined)[]): LoadedOrder {
  const chapters = new Map<string, string[]>();
  let problem: string | undefined;
  manuscripts.forEach((parsed, i) => {
    if (parsed === undefined) return;
    if ('problem' in parsed) problem ??= `${MANUSCRIPT_FILE}: ${parsed.problem}`;
    else chapters.set(folders[i], parsed.chapters);
  });
  return { order: new ReadingOrder(chapters), ...(problem ? { problem } : {}) };
}

/**
 * The reading order of `folderUris` as their manuscript files say now, read once (the CLI); the
 * server keeps a ReadingOrderCache.
 */
export async function loadReadingOrder(
  folderUris: readonly string[],
  read: (uri: string) => Promise<string | undefined>,
): Promise<LoadedOrder> {
  const manuscripts: (Manuscript | undefined)[] = [];
  for (const folder of folderUris) {
    const text = await read(manuscriptUri(folder));
    manuscripts.push(text === undefined ? undefined : parseManuscript(text));
  }
  return orderOf(folderUris, manuscripts);
}

/** A file's modification time (ns) and size, "absent" when there is none, undefined when it cannot say. */
export async function fileStamp(uri: string): Promise<string | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const stats = await stat(fileURLToPath(uri), { bigint: true });
    return `${stats.mtimeNs}:${stats.size}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : undefined;
  }
}

/**
 * The reading order for every hover and view request without reading and parsing the manuscript
 * files each time: a file is read again only when its modification time or size changed (no
 * watcher to miss an edit made outside the editor), and the order is rebuilt only then.
 */
export class ReadingOrderCache {
  private readonly files = new Map<string, { stamp: string; parsed: Manuscript | undefined }>();
  private last: { key: string; loaded: LoadedOrder } | undefined;

  constructor(
    private readonly read: (uri: string) => Promise<string | undefined>,
    private readonly stampOf: (uri: string) => Promise<string | undefined> = fileStamp,
  ) {}

  async load(folderUris: readonly string[]): Promise<LoadedOrder> {
    const manuscripts: (Manuscript | undefined)[] = [];
    const stamps: string[] = [];
    let cacheable = true;
    for (const folder of folderUris) {
      const uri = manuscriptUri(folder);
      const stamp = await this.stampOf(uri);
      const known = this.files.get(uri);
      if (stamp !== undefined && known?.stamp === stamp) {
        manuscripts.push(known.parsed);
      } else {
        const text = stamp === 'absent' ? undefined : await this.read(uri);
        const parsed = text === undefined ? undefined : parseManuscript(text);
        if (stamp === undefined) cacheable = false;
        else this.files.set(uri, { stamp, parsed });
        manuscripts.push(parsed);
      }
      stamps.push(`${uri}\n${stamp ?? ''}`);
    }
    const key = stamps.join('\n');
    if (cacheable && this.last?.key === key) return this.last.loaded;
    const loaded = orderOf(folderUris, manuscripts);
    this.last = cacheable ? { key, loaded } : undefined;
    return loaded;
  }
}
