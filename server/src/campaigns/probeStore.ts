// The probe store read from the editor: the PostgreSQL table of campaign transcripts that queue
// workers fill (transcriptTable.ts), at the address of `samsara.probes.store` with the password
// the editor keeps in secret storage. Read-only: a listing of the newest rows (a few columns, not
// whole transcripts) and one transcript at a time, checked by the transcript schema. Each use
// opens a small pool and closes it; every error says which store and what to do, in words, and
// never carries the password (the address is shown without credentials, the text is redacted).
import type { Pool } from 'pg';
import { SamsaraError } from '../../../shared/errors';
import { STORE_HISTORY_LIMIT, type StoreEntry } from '../../../shared/probes/storeMessages';
import { transcriptSchema, type Transcript } from '../../../shared/probes/transcript';
import { displayUrl } from '../../../shared/redact';
import { OUTCOMES } from '../../../shared/probes/transcriptLegacy';
import { connectionSecrets, pgPool, redactConnection } from './campaignQueue';
import { TRANSCRIPT_TABLE } from './transcriptTable';

const SET_PASSWORD = 'Set it with "Samsara: Set Probe Store Password…".';

/** A store problem, already in words and redacted. */
export class ProbeStoreError extends SamsaraError {
  constructor(message: string) {
    super('CAMPAIGN_STORE', message);
  }
}

/** The address with the password put in (the setting never holds one), and what to redact. */
export function storeConnection(address: string, password: string | undefined): { connectionString: string; secrets: string[] } {
  const url = new URL(address);
  if (password) url.password = password;
  const connectionString = url.toString();
  return { connectionString, secrets: [...connectionSecrets(connectionString), ...(password ? [password] : [])] };
}

/** What a pg error means for someone browsing the store. */
function explain(error: unknown, address: string, hasPassword: boolean): string {
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : String(error);
  const where = `the probe store at ${displayUrl(address)}`;
  if (code === '28P01' || code === '28000')
    return `${where} refused the sign-in (${text}). ${hasPassword ? 'Check the password: ' : ''}${SET_PASSWORD}`;
  if (!hasPassword && /password/i.test(text)) return `${where} asks for a password. ${SET_PASSWORD}`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || /timeout/i.test(text))
    return `Cannot reach ${where} (${text}). Check samsara.probes.store in your user settings.`;
  return `Cannot read ${where}: ${text}`;
}

/** Opens the store, runs `use`, closes it; any failure becomes a ProbeStoreError without the password. */
export async function withProbeStore<T>(address: string, password: string | undefined, use: (pool: Pool) => Promise<T>): Promise<T> {
  if (address.trim() === '')
    throw new ProbeStoreError('No probe store is set: add its address to samsara.probes.store in your user settings.');
  const { connectionString, secrets } = storeConnection(address, password);
  const pool = new (pgPool())({ connectionString, max: 1, connectionTimeoutMillis: 10_000, application_name: 'samsara-editor' });
  // An idle connection dropped by the server: the next query reconnects (or fails and says so).
  pool.on('error', () => undefined);
  try {
    return await use(pool);
  } catch (error) {
    throw new ProbeStoreError(redactConnection(explain(error, address, Boolean(password)), secrets));
  } finally {
    await pool.end().catch(() => undefined);
  }
}

const isMissingTable = (error: unknown): boolean => (error as { code?: unknown }).code === '42P01';

interface ListedRow {
  campaign: string;
  key: string;
  model: string;
  scenario: string;
  passage: string;
  repeat: number;
  outcome: string;
  worker: string;
  stored_at: Date;
  started_at: string | null;
  title: string | null;
}

/** The newest stored transcripts (a store without the table yet has none). */
export async function listStored(pool: Pool, limit = STORE_HISTORY_LIMIT): Promise<{ entries: StoreEntry[]; truncated: boolean }> {
  let rows: ListedRow[];
  try {
    ({ rows } = await pool.query<ListedRow>(
      `SELECT campaign, key, model, scenario, passage, repeat, outcome, worker, stored_at,
              transcript->'run'->>'startedAt' AS started_at, transcript->'scenario'->>'title' AS title
       FROM ${TRANSCRIPT_TABLE} ORDER BY stored_at DESC LIMIT $1`,
      [limit + 1],
    ));
  } catch (error) {
    if (isMissingTable(error)) return { entries: [], truncated: false };
    throw error;
  }
  const outcomes: readonly string[] = OUTCOMES;
  const entries = rows.slice(0, limit).map(
    (row): StoreEntry => ({
      campaign: row.campaign,
      key: row.key,
      model: row.model,
      scenarioId: row.scenario,
      scenarioTitle: row.title ?? row.scenario,
      passage: row.passage,
      repeat: row.repeat,
      outcome: (outcomes.includes(row.outcome) ? row.outcome : 'failed') as StoreEntry['outcome'],
      startedAt: row.started_at ?? row.stored_at.toISOString(),
      worker: row.worker,
    }),
  );
  return { entries, truncated: rows.length > limit };
}

/** One stored transcript, checked by the transcript schema (a row is untrusted input). */
export async function readStoredTranscript(pool: Pool, campaign: string, key: string): Promise<Transcript> {
  const { rows } = await pool.query<{ transcript: unknown }>(
    `SELECT transcript FROM ${TRANSCRIPT_TABLE} WHERE campaign = $1 AND key = $2`,
    [campaign, key],
  );
  if (rows.length === 0) throw new Error(`no transcript ${key} of campaign "${campaign}" is stored`);
  const parsed = transcriptSchema.safeParse(rows[0].transcript);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the stored transcript ${key} of campaign "${campaign}" is not readable: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
