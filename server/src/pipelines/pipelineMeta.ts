// A pipeline's meta.json, read and checked: which language, which pipeline and version, which
// NER labels, and whether the spaCy the program carries can load it (its `spacy_version` range).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PipelineError } from './pipelineErrors';

const MetaSchema = z
  .object({
    lang: z.string().min(1),
    name: z.string().min(1),
    version: z.string().min(1),
    spacy_version: z.string().optional(),
    license: z.string().optional(),
    labels: z
      .object({ ner: z.array(z.string()).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export interface PipelineMeta {
  /** The package name spaCy uses: `<lang>_<name>` (fr_core_news_sm). */
  name: string;
  language: string;
  version: string;
  spacyVersion: string | undefined;
  labels: string[];
  licence: string | undefined;
}

export async function readMeta(dir: string): Promise<PipelineMeta> {
  const file = join(dir, 'meta.json');
  let parsed: z.infer<typeof MetaSchema>;
  try {
    parsed = MetaSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new PipelineError(
      'badPackage',
      `${file} is not a spaCy pipeline's meta.json: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return {
    name: `${parsed.lang}_${parsed.name}`,
    language: parsed.lang,
    version: parsed.version,
    spacyVersion: parsed.spacy_version,
    labels: parsed.labels?.ner ?? [],
    licence: parsed.license,
  };
}

function parts(version: string): number[] {
  return version.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

function compare(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Whether `version` satisfies a pip-style range such as ">=3.8.0,<3.9.0" (no range: yes). */
export function satisfies(version: string, range: string | undefined): boolean {
  if (!range?.trim()) return true;
  return range.split(',').every((clause) => {
    const match = /^\s*(>=|<=|==|!=|~=|>|<)\s*([\d.]+)\s*$/.exec(clause);
    if (!match) return false;
    const [, op, bound] = match as unknown as [string, string, string];
    const order = compare(version, bound);
    if (op === '>=') return order >= 0;
    if (op === '<=') return order <= 0;
    if (op === '>') return order > 0;
    if (op === '<') return order < 0;
    if (op === '==') return order === 0;
    if (op === '!=') return order !== 0;
    // ~=X.Y.Z: >= X.Y.Z and same X.Y
    const prefix = parts(bound).slice(0, -1);
    return order >= 0 && prefix.every((n, i) => parts(version)[i] === n);
  });
}

/** Throws the "incompatible" error when spaCy `spacyVersion` (the program's, see spacyVersion.ts) cannot load this pipeline. */
export function checkCompatible(meta: PipelineMeta, spacyVersion: string): void {
  if (!satisfies(spacyVersion, meta.spacyVersion)) {
    throw new PipelineError(
      'incompatible',
      `${meta.name} ${meta.version} needs spaCy ${meta.spacyVersion}, but Samsara carries spaCy ${spacyVersion}. Install a ${meta.name} 3.8.x pipeline (Samsara: Manage Language Pipelines… lists them).`,
    );
  }
  if (meta.labels.length === 0) {
    throw new PipelineError(
      'incompatible',
      `${meta.name} ${meta.version} has no named-entity recogniser (no ner labels in its meta.json); Samsara needs one.`,
    );
  }
}
