// Queue mode: a campaign's jobs on pg-boss (PostgreSQL), for workers on any number of machines.
// Enqueueing skips jobs whose result is stored and gives each job an id derived from its content
// key, so enqueueing twice queues nothing twice (and re-queues a job pg-boss gave up on). A job
// is retried once (retryLimit 1) when its worker fails it or dies (pg-boss expires a job active
// longer than its expiry and runs it again); results go to the transcript table, where a job's
// result is stored once however often it ran.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { redactText } from '../../../shared/redact';
import { scenarioSchema } from '../../../shared/probes/scenario';
import type { CampaignJob } from './campaignJobs';
import { ensureTranscriptTable, storedKeys, TRANSCRIPT_TABLE } from './transcriptTable';

/**
 * node-postgres, required on first use: its load (with node's dns, net and tls) is not on every
 * server start's path to the language model, only on a campaign's or a probe store's.
 */
export function pgPool(): typeof Pool {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('pg') as typeof import('pg')).Pool;
}

/** One queue for every campaign: a worker serves whatever campaign is queued. */
export const CAMPAIGN_QUEUE = 'samsara-campaign';
/** Time a job may stay active before pg-boss takes its worker for dead and runs it again. */
export const DEFAULT_JOB_EXPIRE_SECONDS = 15 * 60;

/** A job as it travels through the queue: what the worker needs to send it, nothing more. */
export const queuedJobSchema = z.object({
  campaign: z.string().min(1),
  key: z.string().regex(/^[0-9a-f]{32}$/),
  passage: z.object({
    id: z.string(),
    text: z.string().min(1).max(200_000),
    file: z.string().optional(),
    /** The language its names are found in, resolved where it was queued (absent in jobs of older versions: resolved by the worker). */
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .optional(),
  }),
  scenario: scenarioSchema,
  model: z.string().min(1),
  repeat: z.number().int().positive(),
  /** Whether the passage's expectations need each answer's entities (the worker's sidecar). */
  entities: z.boolean(),
});
export type QueuedJob = z.infer<typeof queuedJobSchema>;

/** The secrets a connection string carries (its password, as written and decoded), for redaction. */
export function connectionSecrets(connection: string, env: Record<string, string | undefined> = {}): string[] {
  const out = [env.PGPASSWORD];
  try {
    const password = new URL(connection).password;
    if (password) out.push(password, decodeURIComponent(password));
  } catch {
    // not a URL: nothing to take out of it beyond what redactText does with URLs anyway
  }
  return out.filter((s): s is string => Boolean(s));
}

/** Text about the queue (an error, a log line) without the connection's password. */
export function redactConnection(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets);
}

/** A pg-boss job id from the content key: the same job enqueued twice is one job. */
export function queueJobId(campaign: string, key: string): string {
  const h = createHash('sha256').update(`${campaign}\0${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function toQueuedJob(campaign: string, job: CampaignJob, entities: boolean): QueuedJob {
  const { id, text, file, language } = job.passage;
  return {
    campaign,
    key: job.key,
    passage: { id, text, ...(file ? { file } : {}), ...(language ? { language } : {}) },
    scenario: job.scenario,
    model: job.model,
    repeat: job.repeat,
    entities,
  };
}

export interface QueueConnection {
  pool: Pool;
  boss: PgBoss;
  close(): Promise<void>;
}

/**
 * The table pool and a started pg-boss. `onError` hears what the pools report between queries
 * (a database restart drops idle connections); both reconnect on the next query.
 */
export async function openQueue(
  connection: string,
  options: { supervise: boolean; maintenanceSeconds?: number; poolSize?: number; onError: (error: unknown) => void },
): Promise<QueueConnection> {
  const pool = new (pgPool())({ connectionString: connection, max: options.poolSize ?? 4, application_name: 'samsara' });
  pool.on('error', options.onError);
  // Required on first use, as pgPool: pg-boss is not on a server start's path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Boss = require('pg-boss') as typeof PgBoss;
  const boss = new Boss({
    connectionString: connection,
    application_name: 'samsara-queue',
    supervise: options.supervise,
    schedule: false,
    ...(options.maintenanceSeconds ? { maintenanceIntervalSeconds: options.maintenanceSeconds } : {}),
  });
  boss.on('error', options.onError);
  let started = false;
  const close = async (): Promise<void> => {
    if (started) await boss.stop({ graceful: false, close: true, wait: true }).catch(() => undefined);
    await pool.end().catch(() => undefined);
  };
  try {
    await ensureTranscriptTable(pool);
    await boss.start();
    started = true;
    return { pool, boss, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Puts the jobs whose result is not stored on the queue; returns how many were queued and how many were done. */
export async function enqueueCampaign(
  queue: QueueConnection,
  campaign: string,
  jobs: readonly QueuedJob[],
  expireSeconds = DEFAULT_JOB_EXPIRE_SECONDS,
): Promise<{ queued: number; done: number }> {
  await queue.boss.createQueue(CAMPAIGN_QUEUE, { name: CAMPAIGN_QUEUE, retryLimit: 1, expireInSeconds: expireSeconds });
  const done = await storedKeys(queue.pool, campaign);
  const todo = jobs.filter((job) => !done.has(job.key));
  for (let i = 0; i < todo.length; i += 500) {
    const chunk = todo.slice(i, i + 500);
    await queue.boss.insert(
      chunk.map((data) => ({
        id: queueJobId(campaign, data.key),
        name: CAMPAIGN_QUEUE,
        data,
        retryLimit: 1,
        expireInSeconds: expireSeconds,
      })),
    );
    // A job already on the queue is not inserted again (same id); one pg-boss gave up on (failed
    // twice without a stored result) goes back to the queue, so running the campaign again resumes it.
    await queue.boss.retry(
      CAMPAIGN_QUEUE,
      chunk.map((data) => queueJobId(campaign, data.key)),
    );
  }
  return { queued: todo.length, done: jobs.length - todo.length };
}

export interface CampaignStatus {
  total: number;
  stored: number;
  /** Stored results whose probe did not complete (the provider failed it). */
  failed: number;
  /** pg-boss job states of the campaign's jobs (created, retry, active, completed, failed…). */
  queue: Record<string, number>;
}

/** Where a campaign stands: results stored (of the keys given) and its jobs' states on the queue. */
export async function campaignStatus(pool: Pool, campaign: string, keys: readonly string[]): Promise<CampaignStatus> {
  const { rows } = await pool.query<{ key: string; outcome: string }>(
    `SELECT key, outcome FROM ${TRANSCRIPT_TABLE} WHERE campaign = $1 AND key = ANY($2)`,
    [campaign, keys],
  );
  const queue: Record<string, number> = {};
  // pg-boss keeps jobs in pgboss.job (its documented schema); read-only, per campaign.
  const states = await pool
    .query<{
      state: string;
      n: string;
    }>(`SELECT state, count(*) AS n FROM pgboss.job WHERE name = $1 AND data->>'campaign' = $2 GROUP BY state`, [CAMPAIGN_QUEUE, campaign])
    .catch(() => ({ rows: [] as { state: string; n: string }[] }));
  for (const row of states.rows) queue[row.state] = Number(row.n);
  return { total: keys.length, stored: rows.length, failed: rows.filter((r) => r.outcome !== 'completed').length, queue };
}
