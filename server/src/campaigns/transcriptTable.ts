// The PostgreSQL table queue workers store campaign results in: one row per (campaign, content
// key), the transcript as JSONB (transcript schema version 3), indexed by campaign, model, scenario
// and time. A job run twice (its worker died after storing, or its result raced a retry) is still
// stored once: the primary key plus INSERT … ON CONFLICT DO NOTHING keeps the first result.
// Rows are untrusted on the way out: each is checked by the same zod schema as a results file.
import type { Pool, PoolClient } from 'pg';
import { TRANSCRIPT_SCHEMA_VERSION } from '../../../shared/probes/transcript';
import { jobResultSchema, RESULT_SCHEMA_VERSION, type JobResult } from './campaignResults';

export const TRANSCRIPT_TABLE = 'samsara_campaign_transcripts';

/** Serialises the CREATEs of workers starting at the same moment (CREATE … IF NOT EXISTS can still race). */
const DDL_LOCK = 0x5a4d5341;

const DDL = `
CREATE TABLE IF NOT EXISTS ${TRANSCRIPT_TABLE} (
  campaign text NOT NULL,
  key text NOT NULL,
  model text NOT NULL,
  scenario text NOT NULL,
  passage text NOT NULL,
  repeat integer NOT NULL,
  outcome text NOT NULL,
  schema_version integer NOT NULL,
  transcript jsonb NOT NULL,
  worker text NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign, key)
);
CREATE INDEX IF NOT EXISTS ${TRANSCRIPT_TABLE}_model ON ${TRANSCRIPT_TABLE} (campaign, model, scenario, stored_at);
CREATE INDEX IF NOT EXISTS ${TRANSCRIPT_TABLE}_time ON ${TRANSCRIPT_TABLE} (stored_at);
`;

export async function ensureTranscriptTable(pool: Pool): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK]);
    await client.query(DDL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Stores a result unless one is stored already; true when this call stored it. */
export async function storeResult(pool: Pool, result: JobResult, worker: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO ${TRANSCRIPT_TABLE} (campaign, key, model, scenario, passage, repeat, outcome, schema_version, transcript, worker)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (campaign, key) DO NOTHING`,
    [
      result.campaign,
      result.key,
      result.model,
      result.scenario,
      result.passage,
      result.repeat,
      result.transcript.run.outcome,
      TRANSCRIPT_SCHEMA_VERSION,
      JSON.stringify(result.transcript),
      worker,
    ],
  );
  return rowCount === 1;
}

export async function isStored(pool: Pool, campaign: string, key: string): Promise<boolean> {
  const { rowCount } = await pool.query(`SELECT 1 FROM ${TRANSCRIPT_TABLE} WHERE campaign = $1 AND key = $2`, [campaign, key]);
  return (rowCount ?? 0) > 0;
}

/** The stored keys of a campaign. */
export async function storedKeys(pool: Pool, campaign: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ key: string }>(`SELECT key FROM ${TRANSCRIPT_TABLE} WHERE campaign = $1`, [campaign]);
  return new Set(rows.map((r) => r.key));
}

/** A campaign's stored results by key; a row that does not fit the schema is reported, not used. */
export async function readStoredResults(
  pool: Pool,
  campaign: string,
  onBadRow?: (key: string, problem: string) => void,
): Promise<Map<string, JobResult>> {
  const { rows } = await pool.query<{ key: string; model: string; scenario: string; passage: string; repeat: number; transcript: unknown }>(
    `SELECT key, model, scenario, passage, repeat, transcript FROM ${TRANSCRIPT_TABLE} WHERE campaign = $1 ORDER BY stored_at`,
    [campaign],
  );
  const out = new Map<string, JobResult>();
  for (const row of rows) {
    const parsed = jobResultSchema.safeParse({ schemaVersion: RESULT_SCHEMA_VERSION, campaign, ...row });
    if (parsed.success) out.set(row.key, parsed.data);
    else onBadRow?.(row.key, parsed.error.issues[0]?.message ?? 'does not fit the result schema');
  }
  return out;
}
