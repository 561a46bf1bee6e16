// A campaign's jobs: every passage (inline text, a file or its lines, a glob of files, a JSON
// Lines dataset) × scenario × model × repeat, each with a content key — a hash of exactly what is
// sent (text, scenario, model, repeat) — so a re-run finds the jobs already done. Paths are read
// inside the campaign's folder only; sizes and counts are bounded (the file is untrusted).
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { SamsaraError } from '../../../shared/errors';
import type { Scenario } from '../../../shared/probes/scenario';
import { passageLanguage } from './passageLanguage';
import { expectationsSchema, type Campaign, type Expectations, type PassageSource } from './campaignSchema';

export const MAX_JOBS = 100_000;
const MAX_PASSAGE_CHARS = 200_000;
const MAX_FILES = 2_000;
const MAX_DATASET_BYTES = 50 * 1_048_576;

export interface Passage {
  /** "notes.md", "notes.md:3-9", "data.jsonl#12", or the inline text's id. */
  id: string;
  text: string;
  /** The file it came from, relative to the folder (for {{file}}). */
  file?: string;
  /** The language its names are found in (see passageLanguage.ts); absent: resolved when it runs. */
  language?: string;
  expect: Expectations;
}

export interface CampaignJob {
  key: string;
  passage: Passage;
  scenario: Scenario;
  model: string;
  repeat: number;
}

export class CampaignPassageError extends SamsaraError {
  constructor(where: string, detail: string) {
    super('CAMPAIGN_PASSAGE', `${where}: ${detail}`);
  }
}

/** A path of the campaign, inside `root` only. */
function inside(root: string, path: string, where: string): string {
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new CampaignPassageError(where, `${path} is outside the folder ${root}`);
  return full;
}

async function readText(root: string, path: string, where: string): Promise<string> {
  const full = inside(root, path, where);
  let text: string;
  try {
    const info = await stat(full);
    if (info.size > MAX_PASSAGE_CHARS * 4) throw new Error(`larger than ${MAX_PASSAGE_CHARS * 4} bytes`);
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new CampaignPassageError(where, `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text.length > MAX_PASSAGE_CHARS) throw new CampaignPassageError(where, `${path} is longer than ${MAX_PASSAGE_CHARS} characters`);
  return text;
}

/** "*" within a name, "**" across folders, "?" one character. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

async function globFiles(root: string, glob: string, where: string): Promise<string[]> {
  inside(root, glob.replace(/[*?].*$/, '') || '.', where);
  const pattern = globToRegExp(glob.replace(/^\.\//, ''));
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && pattern.test(relative(root, full).split(sep).join('/'))) {
        found.push(relative(root, full).split(sep).join('/'));
        if (found.length > MAX_FILES) throw new CampaignPassageError(where, `${glob} matches more than ${MAX_FILES} files`);
      }
    }
  };
  await walk(root);
  if (found.length === 0) throw new CampaignPassageError(where, `${glob} matches no file`);
  return found.sort();
}

function selectLines(text: string, spec: string, where: string): string {
  const [from, to] = spec.split('-').map(Number);
  const lines = text.split(/\r?\n/);
  if (from < 1 || to < from || from > lines.length)
    throw new CampaignPassageError(where, `lines ${spec} is outside the file's ${lines.length} lines`);
  return lines.slice(from - 1, to).join('\n');
}

const datasetLine = z.object({ id: z.union([z.string(), z.number()]).optional(), expect: expectationsSchema.optional() }).passthrough();

async function datasetPassages(root: string, source: PassageSource, where: string, base: Expectations): Promise<Passage[]> {
  const path = source.dataset ?? '';
  const full = inside(root, path, where);
  let text: string;
  try {
    if ((await stat(full)).size > MAX_DATASET_BYTES) throw new Error(`larger than ${MAX_DATASET_BYTES} bytes`);
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new CampaignPassageError(where, `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const field = source.textField ?? 'text';
  const out: Passage[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const at = `${path} line ${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new CampaignPassageError(where, `${at}: not JSON`);
    }
    const parsed = datasetLine.safeParse(raw);
    const value = parsed.success ? (parsed.data as Record<string, unknown>)[field] : undefined;
    if (!parsed.success || typeof value !== 'string' || value.trim() === '')
      throw new CampaignPassageError(
        where,
        `${at}: needs a non-empty string "${field}"${parsed.success ? '' : ` (${parsed.error.issues[0]?.message})`}`,
      );
    if (value.length > MAX_PASSAGE_CHARS) throw new CampaignPassageError(where, `${at}: longer than ${MAX_PASSAGE_CHARS} characters`);
    out.push({ id: `${path}#${parsed.data.id ?? index + 1}`, text: value, file: path, expect: merge(base, parsed.data.expect) });
  });
  return out;
}

function merge(base: Expectations, own: Expectations | undefined): Expectations {
  if (!own) return base;
  const lists = (a?: string[], b?: string[]): string[] | undefined => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);
  return {
    ...base,
    ...own,
    mention: lists(base.mention, own.mention),
    notInvent: lists(base.notInvent, own.notInvent),
    match: lists(base.match, own.match),
    notMatch: lists(base.notMatch, own.notMatch),
  };
}

/**
 * Every passage the campaign names, read from `root` (the folder the campaign belongs to), each
 * with its language: the passage's, the campaign's, else `setting` (the front door's).
 */
export async function campaignPassages(campaign: Campaign, root: string, file: string, setting = 'auto'): Promise<Passage[]> {
  const base = campaign.expect ?? {};
  const out: Passage[] = [];
  for (const [index, source] of campaign.passages.entries()) {
    const where = `${file}: passages[${index}]`;
    const first = out.length;
    const expect = merge(base, source.expect);
    if (source.text !== undefined) out.push({ id: source.id ?? `passage-${index + 1}`, text: source.text, expect });
    else if (source.file !== undefined) {
      const text = await readText(root, source.file, where);
      const id = source.lines ? `${source.file}:${source.lines}` : source.file;
      out.push({ id, text: source.lines ? selectLines(text, source.lines, where) : text, file: source.file, expect });
    } else if (source.files !== undefined) {
      for (const path of await globFiles(root, source.files, where))
        out.push({ id: path, text: await readText(root, path, where), file: path, expect });
    } else out.push(...(await datasetPassages(root, source, where, expect)));
    const language = source.language ?? campaign.language ?? setting;
    for (const passage of out.slice(first)) passage.language = await passageLanguage(passage, language);
  }
  return out;
}

/** The content key: what is sent, hashed. Expectations are not in it: they are judged again on every report. */
export function jobKey(passage: Pick<Passage, 'text' | 'file'>, scenario: Scenario, model: string, repeat: number): string {
  const content = JSON.stringify({ text: passage.text, file: passage.file ?? null, scenario, model, repeat });
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

export function campaignJobs(campaign: Campaign, passages: readonly Passage[], scenarios: readonly Scenario[]): CampaignJob[] {
  const count = passages.length * scenarios.length * campaign.models.length * campaign.repeats;
  if (count > MAX_JOBS) throw new CampaignPassageError(campaign.name, `${count} jobs is more than ${MAX_JOBS}`);
  const jobs: CampaignJob[] = [];
  for (const passage of passages)
    for (const scenario of scenarios)
      for (const model of campaign.models)
        for (let repeat = 1; repeat <= campaign.repeats; repeat++)
          jobs.push({ key: jobKey(passage, scenario, model, repeat), passage, scenario, model, repeat });
  return jobs;
}
