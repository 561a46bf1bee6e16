// `samsara entities PATH...`: the named entities of files and folders, as JSON Lines or CSV, found
// by the language server's own pieces: the files the workspace scan would read (discovery.ts), the
// Markdown-aware prose and sentence windows, the analysis cache's batching, and a pool of
// supervised sidecars (--workers). Files are analysed a few at a time and printed in order; a file
// that cannot be read is named on stderr and the run goes on, ending with exit code 1. With
// --aliases each row names its entity (story bible entry or shared name). `samsara bible` runs the
// same analysis (analysePaths) and prints entities instead of mentions.
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  EntityModel,
  AnalysisCache,
  type Logger,
  createLauncher,
  SidecarPool,
  describeFileError,
  type Found,
  csvHeader,
  entityRow,
  formatRow,
  entityRulesFor,
  pipelineLanguage,
  analyseText,
  NotTextError,
  readText,
  StoryBible,
  type FolderRules,
} from '../../../server/src/engine';
import { EXIT, type CliContext, type Command } from '../cliContext';
import { cliSidecarEnv } from '../cliSidecar';
import { cliLanguageRouting } from './entitiesLanguages';
import { inputs } from './entitiesInputs';
import { ENTITIES_USAGE, parseEntitiesOptions, type EntitiesOptions } from './entitiesOptions';

type Outcome = { kind: 'ok'; file: AnalysedFile } | { kind: 'unreadable' | 'skipped'; name: string; message: string };

/** One file read and analysed: its name as printed, its entity model (grouped by the story bible). */
export interface AnalysedFile {
  name: string;
  path: string;
  model: EntityModel;
  words: number;
}

/** Warnings and errors of the pool on stderr (a worker that crashes, say); its routine news not. */
function stderrLogger(context: CliContext, command: string): Logger {
  const write = (message: string): void => void context.stderr.write(`samsara ${command}: ${message}\n`);
  return { error: write, warn: write, info: () => undefined, debug: () => undefined };
}

function startPool(context: CliContext, options: EntitiesOptions, log: Logger): SidecarPool {
  return new SidecarPool(
    {
      path: options.sidecar,
      pipeline: options.pipeline,
      startTimeoutMs: options.startTimeoutMs,
      healthCheckIntervalMs: 30_000,
      healthCheckTimeoutMs: 5000,
      requestTimeoutMs: 300_000,
      workers: options.workers,
    },
    {
      launch: createLauncher(log, context.bundleDir, cliSidecarEnv(context)),
      onStatus: () => undefined,
      log,
    },
  );
}

/** The cache of the pipeline a file's language goes to (`--language auto`), or why it is skipped. */
type CacheFor = (text: string, languageId: string) => Promise<AnalysisCache | string>;

async function analyseFile(found: Found, cacheFor: CacheFor, options: EntitiesOptions, bible: StoryBible): Promise<Outcome> {
  const name = found.relativePath;
  if (found.kind === 'unreadable') return { kind: 'unreadable', name, message: found.message };
  if (found.kind === 'tooLarge')
    return { kind: 'skipped', name, message: `${found.bytes} bytes, over --max-file-size ${options.maxFileBytes}` };
  let text: string;
  try {
    text = await readText(found.path, options.maxFileBytes);
  } catch (error) {
    return { kind: 'unreadable', name, message: error instanceof NotTextError ? 'not UTF-8 text' : describeFileError(error) };
  }
  const cache = await cacheFor(text, found.languageId);
  if (typeof cache === 'string') return { kind: 'skipped', name, message: cache };
  const entities = await analyseText(text, found.languageId, cache, {
    group: found.path,
    priority: 'background',
    visible: (label) => !options.hidden.has(label.toUpperCase()),
  });
  const model = EntityModel.build(TextDocument.create(pathToFileURL(found.path).href, found.languageId, 0, text), entities, bible);
  return { kind: 'ok', file: { name, path: found.path, model, words: text.split(/\s+/).filter(Boolean).length } };
}

/** The rows of one file: in document order, or (--aliases) grouped by entity, each naming it. */
function rowsOf(file: AnalysedFile, options: EntitiesOptions): string {
  if (!options.aliases) return file.model.entities.map((entity) => formatRow(entityRow(file.name, entity), options.format)).join('');
  const out: string[] = [];
  const groups = [...file.model.groups.flatMap((label) => label.entities)].sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  for (const group of groups) {
    const entity = file.model.entryOf(group.mentions[0])?.id ?? group.text.replace(/\s+/g, ' ').trim();
    for (const mention of group.mentions) out.push(formatRow({ ...entityRow(file.name, mention), entity }, options.format));
  }
  return out.join('');
}

/**
 * Starts the pool, applies the folder's entity rules, reads and analyses every input, and hands
 * each file to `onFile` in command-line order; returns the exit code. Shared by `entities` and `bible`.
 */
export async function analysePaths(
  context: CliContext,
  options: EntitiesOptions,
  command: string,
  onFile: (file: AnalysedFile) => void,
  onRules?: (rules: FolderRules) => void,
): Promise<number> {
  const note = (line: string): void => void (options.quiet || context.stderr.write(`samsara ${command}: ${line}\n`));
  const log = stderrLogger(context, command);
  // --language: the primary pool's pipeline, and for `auto` a pool per language met.
  const routing = await cliLanguageRouting(context, options, log);
  if (typeof routing === 'string') {
    context.stderr.write(`samsara ${command}: ${routing}\n`);
    return EXIT.failed;
  }
  const pool = startPool(context, { ...options, pipeline: routing.pipeline }, log);
  const stop = (): void => {
    void pool.dispose({ abandon: true });
    void routing.dispose();
  };
  context.signal.addEventListener('abort', stop);
  try {
    await pool.start();
    if (context.signal.aborted) return EXIT.interrupted;
    const info = pool.info;
    if (pool.readyWorkers === 0 || !info) {
      context.stderr.write(`samsara ${command}: no sidecar could start: ${pool.reason ?? 'unknown reason'}\n`);
      return EXIT.failed;
    }
    // The entity rules of the folder the command runs in (.samsara/entities.yaml), as the editor applies them.
    const folderRules = await entityRulesFor(context.cwd);
    let bible = StoryBible.EMPTY;
    if (folderRules) {
      const applied = await pool.setEntityRules(folderRules.rulesFor(pipelineLanguage(info.model)));
      bible = folderRules.bible;
      onRules?.(folderRules);
      for (const problem of folderRules.problems) context.stderr.write(`samsara ${command}: ${problem} (skipped)\n`);
      for (const problem of applied.problems) {
        context.stderr.write(`samsara ${command}: ${folderRules.file}: known[${problem.index}]: ${problem.message} (skipped)\n`);
      }
      note(`entity rules from ${folderRules.file}: ${applied.applied} known entries applied`);
    }
    note(`${pool.readyWorkers} sidecar worker(s) ready (${info.model} ${info.model_version})`);
    const started = performance.now();
    const cache = new AnalysisCache((texts) => pool.analyze(texts), { concurrency: () => Math.max(1, pool.readyWorkers) });
    const cacheFor = routing.cacheFor(pool, cache);
    // A few files in flight, enough to keep every worker's batches full; handed on in order.
    const window = 2 * pool.readyWorkers + 2;
    const pending: Promise<Outcome>[] = [];
    const totals = { files: 0, entities: 0, words: 0, unreadable: 0 };
    const flush = async (): Promise<void> => {
      const outcome = await (pending.shift() as Promise<Outcome>);
      if (outcome.kind === 'ok') {
        onFile(outcome.file);
        totals.files += 1;
        totals.entities += outcome.file.model.entities.length;
        totals.words += outcome.file.words;
        note(`[${totals.files}] ${outcome.file.name}: ${outcome.file.model.entities.length} entities`);
      } else if (outcome.kind === 'skipped') {
        note(`skipped ${outcome.name}: ${outcome.message}`);
      } else {
        totals.unreadable += 1;
        context.stderr.write(`samsara ${command}: cannot read ${outcome.name}: ${outcome.message}\n`);
      }
    };
    for await (const found of inputs(options, context.cwd)) {
      if (context.signal.aborted) break;
      const task = analyseFile(found, cacheFor, options, bible);
      task.catch(() => undefined); // awaited in order by flush
      pending.push(task);
      if (pending.length >= window) await flush();
    }
    while (pending.length > 0 && !context.signal.aborted) await flush();
    if (context.signal.aborted) return EXIT.interrupted;
    const seconds = (performance.now() - started) / 1000;
    note(
      `${totals.files} files, ${totals.entities} entities, ${totals.words} words in ${seconds.toFixed(1)} s ` +
        `after the sidecars started (${Math.round(totals.words / seconds)} words/s, ${pool.totalWorkers} worker(s))` +
        (totals.unreadable > 0 ? `; ${totals.unreadable} could not be read` : ''),
    );
    return totals.unreadable > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    context.signal.removeEventListener('abort', stop);
    await pool.dispose();
    await routing.dispose();
  }
}

export const entitiesCommand: Command = {
  name: 'entities',
  summary: 'print the named entities of files and folders (JSON Lines or CSV)',
  usage: ENTITIES_USAGE,
  async run(context: CliContext): Promise<number> {
    const options = parseEntitiesOptions(context.args);
    if (options.format === 'csv') context.stdout.write(options.aliases ? csvHeader(['entity']) : csvHeader());
    return analysePaths(context, options, 'entities', (file) => context.stdout.write(rowsOf(file, options)));
  },
};
