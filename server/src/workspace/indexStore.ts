// The workspace index on disk, so a restart re-analyses nothing that has not changed. A
// content-addressed cache in one JSON Lines file: a header naming what the results depend on
// (format, Samsara version, spaCy pipeline and version, entity rules), one line per file content
// (key: syntax + SHA-256 of the text) with its entities, and a trailer with the entry count.
//
// Why this and not an embedded database: Node 20 has no node:sqlite, and better-sqlite3 is a
// native module (a build per platform and Electron ABI in the VSIX, and nothing here can download
// prebuilt binaries). The access pattern needs no database either: the whole index is read once
// at start and held in memory (the queries run there), and written whole after a scan. One file
// written to a temporary name, flushed and renamed over the old one is crash-safe on every
// platform (a crash leaves the old file or the new one, never half of one); a file cut short
// anyway (no trailer), or any line that does not parse, discards the whole store, which the scan
// rebuilds. Entries are kept most recently used first up to `maxBytes`, so results of contents
// not in the workspace right now (another branch) survive until the budget needs their room.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { DocumentEntity } from '../entities/entityModel';
import type { Logger } from '../logger';
import { SAMSARA_VERSION } from '../../../shared/version';

export const STORE_FORMAT = 1;
export const STORE_FILE_NAME = 'workspace-index.jsonl';

/** What stored results depend on: results made under another identity are discarded. */
export interface StoreIdentity {
  model: string;
  modelVersion: string;
  /** Hash of the entity rules in effect; null: none. */
  rules: string | null;
}

const HeaderSchema = z.object({
  format: z.literal(STORE_FORMAT),
  samsara: z.string(),
  model: z.string(),
  modelVersion: z.string(),
  rules: z.string().nullable(),
});
const EntrySchema = z.object({
  k: z.string().min(1),
  /** Last used (ms since the epoch): the budget keeps the most recent. */
  t: z.number(),
  /** [label, text, start, end] per entity, offsets in UTF-16 units of the file's text. */
  e: z.array(z.tuple([z.string(), z.string(), z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
const TrailerSchema = z.object({ entries: z.number().int().nonnegative() });

interface Entry {
  entities: readonly DocumentEntity[];
  lastUsed: number;
}

export interface StoreStats {
  /** Entries read at the last load. */
  loaded: number;
  /** Why the store on disk was discarded, if it was. */
  discarded?: string;
  saves: number;
  bytesWritten: number;
}

export interface StoreOptions {
  /** Bound of the file on disk (and of what is kept in memory after a save). */
  maxBytes: number;
  log: Logger;
  now?(): number;
}

export class IndexStore {
  private entries = new Map<string, Entry>();
  private identity: StoreIdentity | undefined;
  private changed = false;
  private saving: Promise<void> = Promise.resolve();
  readonly stats: StoreStats = { loaded: 0, saves: 0, bytesWritten: 0 };

  /** `file` undefined: nowhere to persist (results live for this session only). */
  constructor(
    readonly file: string | undefined,
    private readonly options: StoreOptions,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * Reads the store made under `identity`. Never throws: a missing store is empty, a corrupt or
   * foreign one is discarded (deleted, the reason in stats and the log).
   */
  async load(identity: StoreIdentity): Promise<void> {
    this.identity = identity;
    this.entries.clear();
    if (!this.file) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await this.discard(`it cannot be read (${messageOf(error)})`);
      return;
    }
    const problem = this.parse(text, identity);
    if (problem) {
      this.entries.clear();
      await this.discard(problem);
      return;
    }
    this.stats.loaded = this.entries.size;
    this.options.log.info(`Workspace index: ${this.entries.size} stored file contents read from ${this.file}`);
  }

  /** Results made under another identity (another pipeline, new rules) no longer apply. */
  reset(identity: StoreIdentity): void {
    this.identity = identity;
    this.entries.clear();
    this.changed = true;
  }

  matches(identity: StoreIdentity): boolean {
    const current = this.identity;
    return (
      current !== undefined &&
      current.model === identity.model &&
      current.modelVersion === identity.modelVersion &&
      current.rules === identity.rules
    );
  }

  get(key: string): readonly DocumentEntity[] | undefined {
    const entry = this.entries.get(key);
    if (entry) entry.lastUsed = this.now();
    return entry?.entities;
  }

  put(key: string, entities: readonly DocumentEntity[]): void {
    this.entries.set(key, { entities, lastUsed: this.now() });
    this.changed = true;
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.changed = true;
  }

  /** Writes the store if anything changed; saves never overlap. Never throws (a failure is logged). */
  save(): Promise<void> {
    this.saving = this.saving.then(() => this.write());
    return this.saving;
  }

  private async write(): Promise<void> {
    const identity = this.identity;
    if (!this.file || !this.changed || !identity) return;
    this.changed = false;
    const header = JSON.stringify({ format: STORE_FORMAT, samsara: SAMSARA_VERSION, ...identity });
    const lines: string[] = [header];
    let bytes = header.length + 1;
    const byRecency = [...this.entries].sort(([, a], [, b]) => b.lastUsed - a.lastUsed);
    for (const [key, entry] of byRecency) {
      const line = JSON.stringify({ k: key, t: entry.lastUsed, e: entry.entities.map((e) => [e.label, e.text, e.start, e.end]) });
      if (bytes + Buffer.byteLength(line) + 64 > this.options.maxBytes) {
        // Over the budget: the least recently used go, from memory too (they would be re-analysed anyway).
        this.entries.delete(key);
        continue;
      }
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
    lines.push(JSON.stringify({ entries: lines.length - 1 }));
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(`${lines.join('\n')}\n`, 'utf8');
        // Flushed before the rename: after a power cut the name points at a whole file.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.file);
      this.stats.saves += 1;
      this.stats.bytesWritten = bytes;
    } catch (error) {
      this.changed = true;
      this.options.log.warn(`Workspace index not saved to ${this.file}: ${messageOf(error)}`);
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  /** Fills `entries` from the file's text; returns why it cannot be used, or undefined. */
  private parse(text: string, identity: StoreIdentity): string | undefined {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const header = HeaderSchema.safeParse(parseJson(lines[0]));
    if (!header.success) return 'its header is not that of a workspace index of this format';
    const { samsara, model, modelVersion, rules } = header.data;
    if (samsara !== SAMSARA_VERSION) return `it was made by Samsara ${samsara}`;
    if (model !== identity.model || modelVersion !== identity.modelVersion || rules !== identity.rules)
      return `it was made with ${model} ${modelVersion}${rules ? ` and entity rules ${rules}` : ''}`;
    const trailer = TrailerSchema.safeParse(parseJson(lines.at(-1)));
    if (lines.length < 2 || !trailer.success || trailer.data.entries !== lines.length - 2) return 'it is incomplete (cut short)';
    for (let i = 1; i < lines.length - 1; i++) {
      const entry = EntrySchema.safeParse(parseJson(lines[i]));
      if (!entry.success) return `line ${i + 1} is not a valid entry`;
      const entities = entry.data.e.map(([label, text, start, end]) => ({ label, text, start, end }));
      if (entities.some((e) => e.end <= e.start)) return `line ${i + 1} holds an empty entity`;
      this.entries.set(entry.data.k, { entities, lastUsed: entry.data.t });
    }
    return undefined;
  }

  private async discard(why: string): Promise<void> {
    this.stats.discarded = why;
    this.options.log.warn(`Workspace index store ${this.file ?? ''} discarded: ${why}; the scan rebuilds it`);
    if (this.file) await rm(this.file, { force: true }).catch(() => undefined);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function parseJson(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
