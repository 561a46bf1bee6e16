// `samsara worker --queue postgresql://…`: runs queued campaign jobs (see `samsara campaign run
// --queue`) through the same probe engine as `samsara probe`, with the keys of this machine's
// environment, storing results in the queue's transcript table. Start as many as you like, on as
// many machines; Ctrl-C stops fetching and lets the jobs in hand finish. A worker that dies
// (killed, machine lost) leaves its job to pg-boss, which runs it again once after it expires.
import { resolve } from 'node:path';
import { runQueueWorker } from '../../../server/src/engine';
import { displayUrl } from '../../../shared/redact';
import { EXIT, parseCliArgs, UsageError, type CliContext, type Command } from '../cliContext';
import { cliRemedy } from '../cliRemedy';
import { SENDING_OPTIONS, sendingSetup } from './campaign';
import { campaignLanguageModels } from './campaignLanguages';
import { queueUrl, withQueue } from './campaignQueue';
import { integer } from './probeOptions';

export const WORKER_USAGE = `Usage: samsara worker --queue <postgresql://user:password@host:port/db> [options]

Runs the campaign jobs queued by \`samsara campaign run <file> --queue …\` until Ctrl-C.

Options:
  --queue <address>        the PostgreSQL database holding the queue (required)
  --concurrency <n>        jobs at once (default 4)
  --base-url <p=url>       a provider's address, e.g. openai=http://127.0.0.1:8080/v1 (repeatable)
  --timeout-ms <n>         per request (default 60000)
  --max-retries <n>        of a retryable failure (default 3)
  --transcripts <dir>      also write each result there as <key>.json
  --exit-when-idle         stop once the queue is empty
  --maintenance-s <n>      how often this worker looks for jobs of dead workers (default 60)
  --no-fidelity            no sidecar: no entity fidelity ("noNameOutsideSource" then fails)
  --sidecar <path>         a sidecar executable instead of the bundled one
  --pipeline <name>        the spaCy pipeline of English passages (default en_core_web_sm); a passage
                           in another language uses the pipeline installed for it by the editor
                           (or in $SAMSARA_PIPELINES_DIR), else its job reports it missing

Keys come from this machine's environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, …).`;

function workerOptions(args: string[]) {
  return parseCliArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      queue: { type: 'string' },
      ...SENDING_OPTIONS,
      transcripts: { type: 'string' },
      'exit-when-idle': { type: 'boolean' },
      'maintenance-s': { type: 'string' },
    },
  }).values;
}

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run queued campaign jobs from a PostgreSQL queue (start any number, on any machine)',
  usage: WORKER_USAGE,
  async run(context: CliContext): Promise<number> {
    const o = workerOptions(context.args);
    if (!o.queue) throw new UsageError('give --queue <postgresql://…>');
    const connection = queueUrl(o.queue);
    const sending = sendingSetup(o, context.env);
    const { concurrency } = sending;
    const maintenanceSeconds = integer(o['maintenance-s'], '--maintenance-s', 60, 1);
    // Each language's model is started when a job in that language first needs entities.
    const models = o['no-fidelity'] ? undefined : campaignLanguageModels(o, context);
    try {
      const { done } = await withQueue(
        context,
        connection,
        { supervise: true, maintenanceSeconds, poolSize: concurrency + 1 },
        async (queue, say) => {
          say(`worker ${process.pid} serving ${displayUrl(connection)}, ${concurrency} job(s) at once`);
          return runQueueWorker({
            queue,
            ...sending,
            signal: context.signal,
            exitWhenIdle: o['exit-when-idle'] === true,
            ...(models ? { analyzeIn: models.analyzeIn } : {}),
            remedy: cliRemedy,
            ...(o.transcripts ? { transcriptsFolder: resolve(context.cwd, o.transcripts) } : {}),
            log: say,
            onJob: (job, result, stored) =>
              say(
                `[${job.campaign}] ${job.model} · ${job.scenario.id} · ${job.passage.id} #${job.repeat}: ` +
                  `${result.transcript.run.outcome}${stored ? '' : ' (already stored by another run: kept the first)'}`,
              ),
          });
        },
      );
      context.stderr.write(`samsara: worker ${process.pid} stopped after ${done} job(s)\n`);
    } finally {
      await models?.stop();
    }
    return context.signal.aborted ? EXIT.interrupted : EXIT.ok;
  },
};
