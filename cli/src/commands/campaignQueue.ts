// `samsara campaign run|status|report FILE --queue postgresql://…`: the campaign's jobs put on
// the PostgreSQL queue (pg-boss) for `samsara worker` processes, and where they stand or what
// they found read back from the transcript table. The connection string's password never reaches
// the terminal: messages are redacted, and the address is shown without its credentials.
import { displayUrl } from '../../../shared/redact';
import {
  campaignStatus,
  connectionSecrets,
  enqueueCampaign,
  needsEntities,
  openQueue,
  readStoredResults,
  redactConnection,
  toQueuedJob,
  type JobResult,
  type LoadedCampaign,
  type QueueConnection,
} from '../../../server/src/engine';
import { UsageError, type CliContext } from '../cliContext';

/** A PostgreSQL connection string, checked before anything connects. */
export function queueUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--queue expects postgresql://user:password@host:port/database, not "${displayUrl(value)}"`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:')
    throw new UsageError(`--queue expects a postgresql:// address, not ${url.protocol}//…`);
  return value;
}

/** Opens the queue, runs `use`, closes it; every error comes out without the password. */
export async function withQueue<T>(
  context: CliContext,
  connection: string,
  options: { supervise: boolean; maintenanceSeconds?: number; poolSize?: number },
  use: (queue: QueueConnection, say: (line: string) => void) => Promise<T>,
): Promise<T> {
  const secrets = connectionSecrets(connection, context.env);
  const say = (line: string): void => void context.stderr.write(`samsara: ${redactConnection(line, secrets)}\n`);
  let queue: QueueConnection;
  try {
    queue = await openQueue(connection, {
      ...options,
      onError: (error) => say(`database: ${error instanceof Error ? error.message : String(error)}`),
    });
  } catch (error) {
    throw new Error(
      redactConnection(
        `cannot open the queue at ${displayUrl(connection)}: ${error instanceof Error ? error.message : String(error)}`,
        secrets,
      ),
    );
  }
  try {
    return await use(queue, say);
  } catch (error) {
    throw new Error(redactConnection(error instanceof Error ? error.message : String(error), secrets));
  } finally {
    await queue.close();
  }
}

export async function enqueue(context: CliContext, connection: string, loaded: LoadedCampaign, expireSeconds: number): Promise<void> {
  const name = loaded.campaign.name;
  const jobs = loaded.jobs.map((job) => toQueuedJob(name, job, needsEntities(job.passage.expect)));
  await withQueue(context, connection, { supervise: false }, async (queue) => {
    const { queued, done } = await enqueueCampaign(queue, name, jobs, expireSeconds);
    context.stderr.write(
      `samsara: ${queued} job(s) of campaign ${name} queued on ${displayUrl(connection)}${done ? ` (${done} already done)` : ''}; ` +
        `start workers with: samsara worker --queue <address>\n`,
    );
  });
}

/** The campaign's results in the transcript table (only its current jobs' keys). */
export async function storedResults(context: CliContext, connection: string, loaded: LoadedCampaign): Promise<JobResult[]> {
  return withQueue(context, connection, { supervise: false }, async (queue, say) => {
    const stored = await readStoredResults(queue.pool, loaded.campaign.name, (key, problem) => say(`row ${key} skipped: ${problem}`));
    return loaded.jobs.flatMap((job) => stored.get(job.key) ?? []);
  });
}

/** Waits until every job has a result (true) or Ctrl-C (false), saying how many are done as they come. */
export async function waitForResults(context: CliContext, connection: string, loaded: LoadedCampaign): Promise<boolean> {
  const keys = loaded.jobs.map((job) => job.key);
  return withQueue(context, connection, { supervise: false }, async (queue, say) => {
    let said = -1;
    while (!context.signal.aborted) {
      // The database may restart under a long wait: a failed look is tried again next second.
      const status = await campaignStatus(queue.pool, loaded.campaign.name, keys).catch((error: unknown) => {
        say(`cannot read the results yet (${error instanceof Error ? error.message : String(error)})`);
        return undefined;
      });
      if (status && status.stored !== said) context.stderr.write(`samsara: ${status.stored}/${status.total} job(s) done\n`);
      said = status?.stored ?? said;
      if (status && status.stored === status.total) return true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 1000);
        function done(): void {
          clearTimeout(timer);
          context.signal.removeEventListener('abort', done);
          resolve();
        }
        context.signal.addEventListener('abort', done, { once: true });
      });
    }
    return false;
  });
}

/** Prints where the campaign stands; exit 0 when every job has a result, 1 while some have none. */
export async function printStatus(context: CliContext, connection: string, loaded: LoadedCampaign): Promise<number> {
  const status = await withQueue(context, connection, { supervise: false }, (queue) =>
    campaignStatus(
      queue.pool,
      loaded.campaign.name,
      loaded.jobs.map((job) => job.key),
    ),
  );
  const states = Object.entries(status.queue)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  context.stdout.write(
    `campaign ${loaded.campaign.name}: ${status.stored}/${status.total} done` +
      `${status.failed ? ` (${status.failed} failed at the provider)` : ''}; queue: ${states || 'no jobs'}\n`,
  );
  return status.stored === status.total ? 0 : 1;
}
