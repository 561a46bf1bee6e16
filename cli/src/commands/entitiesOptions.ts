// The options of `samsara entities`, parsed and checked: a bad value is a usage error naming the
// option (exit 2), never a run with a guess.
import type { ExportFormat } from '../../../shared/lsp';
import type { WorkersSetting } from '../../../server/src/engine';
import { parseCliArgs, UsageError } from '../cliContext';

export const ENTITIES_USAGE = `Usage: samsara entities [options] PATH...

Prints the named entities of files and folders, one line per mention: JSON Lines (default) or CSV
with the file, label, text, line and column where it starts and ends (1-based; columns count UTF-16
code units, as LSP does) and its UTF-16 offsets in the file (start, end).

Folders are walked for the files of the languages given (by extension: .txt, .md, .markdown, ...),
leaving out .git and whatever .gitignore files ignore. A file named on its own is read whatever its
extension (as Markdown if it has a Markdown extension, else as plain text). Markdown is read as the
editor reads it: code, front matter, URLs and HTML are not prose. The entity rules of the current
folder (.samsara/entities.yaml) apply when present.

Options:
  --format <jsonl|csv>       output format (default jsonl)
  --workers <n|auto>         sidecar processes analysing in parallel (default auto: one per spare
                             core, 1 to 4)
  --languages <ids>          comma-separated language ids whose files folders give
                             (default plaintext,markdown)
  --max-file-size <bytes>    files larger than this are skipped, with a message (default 1000000)
  --hide <labels>            comma-separated labels left out (e.g. CARDINAL,ORDINAL)
  --no-gitignore             read files that .gitignore files ignore too
  --sidecar <path>           a sidecar executable instead of the bundled one
  --pipeline <name>          the spaCy pipeline to load (default en_core_web_sm)
  --language <code|auto>     the language of the files: a code (fr, de, ...) loads the pipeline of
                             that language installed by the editor (or in $SAMSARA_PIPELINES_DIR);
                             auto reads each file's front matter or detects its language and
                             routes it to the pipeline of that language (files in a language
                             without one are skipped, with a message)
  --start-timeout-ms <n>     how long a sidecar may take to load (default 60000)
  --aliases                  group mentions by entity: each row also names its entity (the
                             story bible entry's id, or the name its mentions share), rows of
                             one entity together
  --quiet                    no progress on stderr

Exit: 0 every file read, 1 a file could not be read (named on stderr; the others are still
printed) or no sidecar could start, 2 usage error, 130 interrupted.`;

export interface EntitiesOptions {
  paths: string[];
  format: ExportFormat;
  /** Rows name their entity, grouped by it (--aliases). */
  aliases: boolean;
  workers: WorkersSetting;
  languages: string[];
  maxFileBytes: number;
  hidden: Set<string>;
  gitignore: boolean;
  sidecar: string;
  pipeline: string;
  /** '' (the pipeline alone decides), 'auto', or a language code. */
  language: string;
  startTimeoutMs: number;
  quiet: boolean;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} expects an integer >= ${min}, not "${value}"`);
  return n;
}

/** `formats`: what --format takes (the first is the default); `samsara bible` prints Markdown or JSON. */
export function parseEntitiesOptions(args: string[], formats: readonly string[] = ['jsonl', 'csv']): EntitiesOptions & { output: string } {
  const parsed = parseCliArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      workers: { type: 'string' },
      languages: { type: 'string' },
      'max-file-size': { type: 'string' },
      hide: { type: 'string' },
      'no-gitignore': { type: 'boolean' },
      sidecar: { type: 'string' },
      pipeline: { type: 'string' },
      language: { type: 'string' },
      'start-timeout-ms': { type: 'string' },
      quiet: { type: 'boolean' },
      aliases: { type: 'boolean' },
    },
  });
  const o = parsed.values;
  if (parsed.positionals.length === 0) throw new UsageError('name at least one file or folder');
  const output = o.format ?? formats[0];
  if (!formats.includes(output)) throw new UsageError(`--format expects ${formats.join(' or ')}, not "${output}"`);
  const format: ExportFormat = output === 'csv' ? 'csv' : 'jsonl';
  const workers = o.workers === undefined || o.workers === 'auto' ? 'auto' : integer('workers', o.workers, 1, 1);
  if (workers !== 'auto' && workers > 16) throw new UsageError('--workers expects at most 16');
  const language = (o.language ?? '').trim().toLowerCase();
  if (language && !/^(auto|[a-z]{2,3})$/.test(language))
    throw new UsageError(`--language expects auto or a language code such as fr, not "${o.language}"`);
  const languages =
    o.languages === undefined
      ? ['plaintext', 'markdown', 'latex', 'tex', 'restructuredtext', 'typst', 'asciidoc', 'org']
      : list(o.languages);
  if (languages.length === 0) throw new UsageError('--languages expects at least one language id');
  return {
    paths: parsed.positionals,
    format,
    output,
    aliases: o.aliases === true,
    workers,
    languages,
    maxFileBytes: integer('max-file-size', o['max-file-size'], 1_000_000, 1),
    hidden: new Set(list(o.hide).map((label) => label.toUpperCase())),
    gitignore: o['no-gitignore'] !== true,
    sidecar: o.sidecar ?? '',
    pipeline: o.pipeline ?? 'en_core_web_sm',
    language,
    startTimeoutMs: integer('start-timeout-ms', o['start-timeout-ms'], 60_000, 1000),
    quiet: o.quiet === true,
  };
}
