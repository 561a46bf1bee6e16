// `samsara campaign run FILE`: every passage × scenario × model × repeat of a campaign file through
// the probe engine, a few at a time per provider, with progress on stderr; finished jobs are kept
// (by content key) so a re-run after Ctrl-C resumes. `samsara campaign report FILE` judges what is
// stored without sending anything. With --queue the jobs go to PostgreSQL for `samsara worker`
// processes instead (see campaignQueue.ts), and status/report read the results there.
// Exit: 0 all expectations met, 1 some unmet, 2 usage, 3/4 a provider failed a job (as
// `samsara probe`), 130 interrupted.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SamsaraError } from '../../../shared/errors';
import {
  defaultResultsFolder,
  DEFAULT_JOB_EXPIRE_SECONDS,
  DEFAULT_PRICES,
  judgeResults,
  loadCampaign,
  needsEntities,
  PROBE_SETTING_DEFAULTS,
  readResults,
  reportJson,
  reportJunit,
  reportMarkdown,
  reportTable,
  runCampaign,
  type CampaignReport,
  type JobResult,
  type LoadedCampaign,
} from '../../../server/src/engine';
import { EXIT, parseCliArgs, UsageError, type CliContext, type Command } from '../cliContext';
import { cliRemedy } from '../cliRemedy';
import { envKey, ollamaHost } from '../environment';
import { campaignLanguageModels, type CampaignLanguageModels } from './campaignLanguages';
import { enqueue, printStatus, queueUrl, storedResults, waitForResults } from './campaignQueue';
import { integer } from './probeOptions';

export const CAMPAIGN_USAGE = `Usage:
  samsara campaign run <file.yaml> [options]      run the jobs not yet done, then report
  samsara campaign report <file.yaml> [options]   report what is stored, sending nothing
  samsara campaign status <file.yaml> --queue <postgresql://…>   jobs done and queued (exit 0 all done)

Options:
  --out <dir>              where job results are kept (default: <name>.results beside the file)
  --format <f>             what stdout gets: table (default), markdown, json, junit
  --junit <path>           also write JUnit XML there (and --markdown <path>, --json <path>)
  --markdown <path>
  --json <path>
  --concurrency <n>        requests in flight per provider (default 4)
  --base-url <p=url>       a provider's address, e.g. openai=http://127.0.0.1:8080/v1 (repeatable)
  --timeout-ms <n>         per request (default 60000)
  --max-retries <n>        of a retryable failure (default 3)
  --no-fidelity            no sidecar: no entity fidelity ("noNameOutsideSource" then fails)
  --sidecar <path>         a sidecar executable instead of the bundled one
  --pipeline <name>        the spaCy pipeline of English passages (default en_core_web_sm); passages
                           in another language use the pipeline installed for it by the editor
                           (or in $SAMSARA_PIPELINES_DIR), else report it missing
  --language <code|auto>   the language of passages whose campaign names none (default auto:
                           front matter, else detected)
  --queue <postgresql://…> queue mode: run puts the jobs on this PostgreSQL queue for
                           \`samsara worker\` processes; status and report read its results table
  --job-expire-s <n>       queue mode: a job active this long is taken for lost and run again
                           once (default 900)
  --wait                   queue mode: after queuing, wait for every result, then report (and exit)
                           as a local run does

Keys come from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, …). Exit: 0 all expectations
met, 1 some unmet, 2 usage error, 3 provider error (retryable), 4 provider error (permanent),
130 interrupted (finished jobs are kept: run again to resume).`;

/** The options of the commands that send jobs to providers (campaign run, worker). */
export const SENDING_OPTIONS = {
  concurrency: { type: 'string' },
  'base-url': { type: 'string', multiple: true },
  'timeout-ms': { type: 'string' },
  'max-retries': { type: 'string' },
  'no-fidelity': { type: 'boolean' },
  sidecar: { type: 'string' },
  pipeline: { type: 'string' },
} as const;

/** What SENDING_OPTIONS ask for: jobs at once, engine settings, and where each provider's key and address come from. */
export function sendingSetup(
  o: { concurrency?: string; 'base-url'?: string[]; 'timeout-ms'?: string; 'max-retries'?: string },
  env: NodeJS.ProcessEnv,
) {
  const urls = baseUrls(o['base-url']);
  return {
    concurrency: integer(o.concurrency, '--concurrency', 4, 1),
    settings: {
      ...PROBE_SETTING_DEFAULTS,
      timeoutMs: integer(o['timeout-ms'], '--timeout-ms', 60_000, 100),
      maxRetries: integer(o['max-retries'], '--max-retries', 3, 0),
      prices: DEFAULT_PRICES,
    },
    keys: (provider: string) => envKey(provider, env),
    baseUrls: (provider: string) => urls.get(provider) ?? (provider === 'ollama' ? ollamaHost(env) : undefined),
  };
}

function campaignOptions(args: string[]) {
  return parseCliArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      format: { type: 'string' },
      junit: { type: 'string' },
      markdown: { type: 'string' },
      json: { type: 'string' },
      ...SENDING_OPTIONS,
      language: { type: 'string' },
      queue: { type: 'string' },
      'job-expire-s': { type: 'string' },
      wait: { type: 'boolean' },
    },
  });
}

const FORMATS = { table: reportTable, markdown: reportMarkdown, json: reportJson, junit: reportJunit } as const;

function baseUrls(values: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new UsageError(`--base-url expects provider=url, not "${value}"`);
    out.set(value.slice(0, at), value.slice(at + 1));
  }
  return out;
}

export const campaignCommand: Command = {
  name: 'campaign',
  summary: 'run a campaign file (passages × scenarios × models, with expectations); report as a table, Markdown, JSON or JUnit',
  usage: CAMPAIGN_USAGE,
  async run(context: CliContext): Promise<number> {
    const { values: o, positionals } = campaignOptions(context.args);
    const [action, file, ...extra] = positionals;
    if ((action !== 'run' && action !== 'report' && action !== 'status') || !file || extra.length > 0)
      throw new UsageError('expected: campaign run <file>, campaign report <file> or campaign status <file> --queue <address>');
    const queue = o.queue === undefined ? undefined : queueUrl(o.queue);
    if (action === 'status' && !queue) throw new UsageError('campaign status reads a queue: give --queue <postgresql://…>');
    const expireSeconds = integer(o['job-expire-s'], '--job-expire-s', DEFAULT_JOB_EXPIRE_SECONDS, 1);
    const format = o.format ?? 'table';
    if (!(format in FORMATS)) throw new UsageError(`--format is one of ${Object.keys(FORMATS).join(', ')}, not "${format}"`);
    const sending = sendingSetup(o, context.env);
    const language = (o.language ?? 'auto').trim().toLowerCase();
    if (!/^(auto|[a-z]{2,3})$/.test(language))
      throw new UsageError(`--language expects auto or a language code such as fr, not "${o.language}"`);
    const loaded = await load(file, context.cwd, language);
    const folder = o.out ? resolve(context.cwd, o.out) : defaultResultsFolder(file, context.cwd, loaded.campaign.name);
    if (queue && action === 'status') return printStatus(context, queue, loaded);
    if (queue && action === 'run') {
      await enqueue(context, queue, loaded, expireSeconds);
      if (!o.wait) return EXIT.ok;
      if (!(await waitForResults(context, queue, loaded))) return EXIT.interrupted;
    }
    let results: JobResult[];
    let interrupted = false;
    if (queue) results = await storedResults(context, queue, loaded);
    else if (action === 'report') {
      const stored = await readResults(folder);
      results = loaded.jobs.flatMap((job) => stored.get(job.key) ?? []);
    } else {
      const wantsEntities = !o['no-fidelity'] && loaded.passages.some((p) => needsEntities(p.expect));
      const models: CampaignLanguageModels | undefined = wantsEntities ? campaignLanguageModels(o, context) : undefined;
      try {
        const run = await runCampaign({
          campaign: loaded.campaign.name,
          jobs: loaded.jobs,
          resultsFolder: folder,
          ...sending,
          signal: context.signal,
          ...(models ? { analyzeIn: models.analyzeIn } : {}),
          remedy: cliRemedy,
          onJob: ({ done, total, job, result }) => {
            const what = result ? result.transcript.run.outcome : 'cancelled (will run again)';
            context.stderr.write(
              `samsara: [${done}/${total}] ${job.model} · ${job.scenario.id} · ${job.passage.id} #${job.repeat}: ${what}\n`,
            );
          },
        });
        if (run.skipped > 0) context.stderr.write(`samsara: ${run.skipped} job(s) already done in ${folder}, skipped\n`);
        results = run.results;
        interrupted = run.interrupted;
      } catch (error) {
        throw usage(error);
      } finally {
        await models?.stop();
      }
    }
    const expectOf = new Map(loaded.jobs.map((job) => [job.key, job.passage.expect]));
    const models = [...new Set(loaded.jobs.map((job) => job.model))];
    const report = judgeResults(loaded.campaign.name, results, (r) => expectOf.get(r.key) ?? {}, models);
    context.stdout.write(FORMATS[format as keyof typeof FORMATS](report));
    for (const [path, write] of [
      [o.junit, reportJunit],
      [o.markdown, reportMarkdown],
      [o.json, reportJson],
    ] as const) {
      if (path) await writeFile(resolve(context.cwd, path), write(report), 'utf8');
    }
    const missing = loaded.jobs.length - results.length;
    if (action === 'report' && missing > 0)
      context.stderr.write(`samsara: ${missing} of ${loaded.jobs.length} job(s) have no result yet\n`);
    return exitCode(report, interrupted);
  },
};

async function load(file: string, cwd: string, language: string): Promise<LoadedCampaign> {
  try {
    return await loadCampaign(file, cwd, language);
  } catch (error) {
    throw usage(error);
  }
}

/** A problem with the campaign, a model name or a key is the command's fault: exit 2. */
function usage(error: unknown): unknown {
  if (!(error instanceof SamsaraError)) return error;
  if (!/^(CAMPAIGN_|PROBE_(INVALID|UNKNOWN|AMBIGUOUS|MISSING|SCENARIO|TEMPLATE|ENTITIES))/.test(error.code)) return error;
  const provider = (error as { provider?: string }).provider;
  const facts = (error as { facts?: Record<string, string | number> }).facts ?? {};
  const remedy = error.code.startsWith('PROBE_') ? cliRemedy({ code: error.code as never, provider, facts }) : undefined;
  return new UsageError(remedy ? `${error.message} ${remedy}` : error.message);
}

function exitCode(report: CampaignReport, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  const failed = report.jobs.map((j) => j.result.transcript).find((t) => t.run.outcome === 'failed');
  const error = failed?.errors[0];
  if (error) return error.retryable || error.code === 'PROBE_RATE_LIMITED' ? EXIT.providerRetryable : EXIT.providerPermanent;
  return report.passed ? EXIT.ok : EXIT.expectationsUnmet;
}
