// Where transcripts live on disk, owned by the probe engine so the editor and the command line
// save them the same way: <stem>.json beside its Markdown rendering <stem>.md, under one folder.
//  - Names never collide: the stem carries the time to the millisecond, the scenario, the model
//    (folded to file-safe characters) and, when a name is taken, -2, -3…; a file is never replaced.
//  - Writes are atomic: the text goes to a temporary file, which is then hard-linked to its final
//    name (link fails if the name exists, where rename would replace it) and removed.
//  - Reads stay inside the folder, and migrate old schema versions (shared/probes/transcript.ts).
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { SamsaraError } from '../../../shared/errors';
import { readTranscript, type Transcript } from '../../../shared/probes/transcript';
import { comparisonToMarkdown, transcriptToMarkdown } from '../../../shared/probes/transcriptMarkdown';

export class TranscriptFileError extends SamsaraError {
  constructor(file: string, detail: string) {
    super('PROBE_TRANSCRIPT_FILE', `${file}: ${detail}`);
  }
}

export interface SavedTranscript {
  json: string;
  markdown: string;
}

export interface StoredTranscript {
  json: string;
  /** The rendering beside it, when there is one. */
  markdown?: string;
  name: string;
}

const MAX_NAME_TRIES = 1000;

/** A file-name-safe stem: 2024-05-01T10-20-30.123Z-summarize-openai-gpt-4o. */
export function transcriptStem(t: Transcript, suffix = ''): string {
  const time = t.run.startedAt.replace(/:/g, '-');
  const stem = `${time}-${t.scenario.id}-${t.modelRequested}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 150);
  return `${stem}${suffix}`;
}

export class TranscriptStore {
  constructor(readonly folder: string) {}

  /** Writes the transcript's JSON and Markdown under a stem no other file has. */
  async save(transcript: Transcript): Promise<SavedTranscript> {
    await mkdir(this.folder, { recursive: true });
    const json = `${JSON.stringify(transcript, null, 2)}\n`;
    const markdown = transcriptToMarkdown(transcript);
    for (let n = 1; n <= MAX_NAME_TRIES; n++) {
      const stem = transcriptStem(transcript, n === 1 ? '' : `-${n}`);
      const paths = { json: join(this.folder, `${stem}.json`), markdown: join(this.folder, `${stem}.md`) };
      if (await exists(paths.markdown)) continue;
      if (!(await this.createExclusive(paths.json, json))) continue;
      if (!(await this.createExclusive(paths.markdown, markdown))) {
        await rm(paths.json, { force: true });
        continue;
      }
      return paths;
    }
    throw new TranscriptFileError(this.folder, `no free file name after ${MAX_NAME_TRIES} tries`);
  }

  /** Writes a side-by-side Markdown of several saved transcripts; returns its path. */
  async saveComparison(transcripts: readonly Transcript[]): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const first = transcripts[0];
    const text = comparisonToMarkdown(transcripts);
    const time = (first?.run.startedAt ?? new Date().toISOString()).replace(/:/g, '-');
    const stem = `${time}-${first?.scenario.id ?? 'probe'}-compare`.replace(/[^A-Za-z0-9._-]+/g, '-');
    for (let n = 1; n <= MAX_NAME_TRIES; n++) {
      const path = join(this.folder, `${stem}${n === 1 ? '' : `-${n}`}.md`);
      if (await this.createExclusive(path, text)) return path;
    }
    throw new TranscriptFileError(this.folder, `no free file name after ${MAX_NAME_TRIES} tries`);
  }

  /** Saved transcripts, newest first (names start with their time). */
  async list(): Promise<StoredTranscript[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return [];
    }
    const all = new Set(names);
    return names
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort()
      .reverse()
      .map((name) => {
        const md = name.replace(/\.json$/, '.md');
        return {
          json: join(this.folder, name),
          name: name.replace(/\.json$/, ''),
          ...(all.has(md) ? { markdown: join(this.folder, md) } : {}),
        };
      });
  }

  /** Reads a transcript of this folder, migrating older versions. */
  async read(path: string): Promise<{ transcript: Transcript; migratedFrom?: number }> {
    const file = this.inside(path);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new TranscriptFileError(file, `cannot read it as JSON: ${(error as Error).message}`);
    }
    const read = readTranscript(raw);
    if (!read.ok) throw new TranscriptFileError(file, `not a Samsara transcript: ${read.problem}`);
    return read.migratedFrom === undefined
      ? { transcript: read.transcript }
      : { transcript: read.transcript, migratedFrom: read.migratedFrom };
  }

  /**
   * The Markdown of a saved transcript, rendered again (an older file, or one whose rendering is
   * missing, gets the current one). Replacing the .md is fine: it is derived from the .json.
   */
  async render(path: string): Promise<string> {
    const { transcript } = await this.read(path);
    const markdown = this.inside(path).replace(/\.json$/, '.md');
    await this.writeAtomic(markdown, transcriptToMarkdown(transcript));
    return markdown;
  }

  /** Deletes a saved transcript and the Markdown beside it; answers the files removed. */
  async remove(path: string): Promise<string[]> {
    const file = this.inside(path);
    const removed: string[] = [];
    for (const target of [file, file.replace(/\.json$/, '.md')]) {
      if (!(await exists(target))) continue;
      await rm(target);
      removed.push(target);
    }
    if (removed.length === 0) throw new TranscriptFileError(file, 'no such transcript');
    return removed;
  }

  /** The path, refused unless it is a .json file directly in this folder. */
  private inside(path: string): string {
    const file = resolve(this.folder, path);
    if (dirname(file) !== resolve(this.folder) || !file.endsWith('.json')) {
      throw new TranscriptFileError(path, `not a transcript of ${this.folder}`);
    }
    return file;
  }

  /** Creates `path` with `text` atomically; false when the name is taken. */
  private async createExclusive(path: string, text: string): Promise<boolean> {
    const temp = this.tempName(path);
    await writeFile(temp, text, { flag: 'wx' });
    try {
      await link(temp, path);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // A file system without hard links: check, then rename (the check-then-act gap is tiny).
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        if (await exists(path)) return false;
        await rename(temp, path);
        return true;
      }
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
  }

  private async writeAtomic(path: string, text: string): Promise<void> {
    const temp = this.tempName(path);
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  }

  private tempName(path: string): string {
    return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

export class TranscriptFolderError extends SamsaraError {
  constructor(value: string, detail: string) {
    super('PROBE_TRANSCRIPT_FOLDER', `samsara.probes.transcriptFolder "${value}" ${detail}`);
  }
}

export interface FolderRule {
  /** The setting's value ('' = the default). */
  setting: string;
  /** File-system path of the first workspace folder, if any. */
  workspace?: string;
  /** Where transcripts go without a workspace (the editor's global storage, or ~/.samsara/probes). */
  fallback: string;
}

/**
 * The folder transcripts go to. Relative values live inside the workspace and may not leave it
 * (`..`); an absolute value is taken as given: the editor lets one through only from user
 * settings (client/src/workspaceTrust.ts), and another LSP client's settings are its user's own.
 */
export async function resolveTranscriptFolder(rule: FolderRule): Promise<string> {
  const value = rule.setting.trim() === '' ? '.samsara/probes' : rule.setting.trim();
  if (isAbsolute(value)) return resolve(value);
  if (!rule.workspace) return rule.fallback;
  const folder = resolve(rule.workspace, value);
  const within = (root: string, path: string): boolean => {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (!within(rule.workspace, folder)) {
    throw new TranscriptFolderError(value, 'leaves the workspace. Use a folder inside it, or an absolute path in your user settings.');
  }
  // A link inside the workspace that points elsewhere would leave it just the same.
  const real = await realExisting(folder);
  const realRoot = await realExisting(rule.workspace);
  if (!within(realRoot, real)) throw new TranscriptFolderError(value, 'leads out of the workspace through a symbolic link.');
  return folder;
}

/** realpath of the longest existing prefix of `path`, plus the rest. */
async function realExisting(path: string): Promise<string> {
  let head = path;
  const rest: string[] = [];
  while (true) {
    try {
      await stat(head);
      return join(await realpath(head), ...rest.reverse());
    } catch {
      const parent = dirname(head);
      if (parent === head) return path;
      rest.push(basename(head));
      head = parent;
    }
  }
}
