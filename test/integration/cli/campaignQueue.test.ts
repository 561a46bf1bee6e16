// Queue mode end to end: a real PostgreSQL (a private cluster, test/helpers/postgres.ts), the real
// `samsara` bundle enqueuing a campaign on pg-boss and three `samsara worker` processes against
// fake providers. One worker is killed (SIGKILL) holding a job and the database is restarted while
// two jobs are in flight: every job is still done, its result stored exactly once, status and
// report read the table, and the connection string's password shows up nowhere.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { readResults } from '../../../server/src/campaigns/campaignResults';
import { cliWithFakes, runSamsara, startSamsara, type CliRun } from '../../helpers/cliRun';
import { startPostgres, type PostgresServer } from '../../helpers/postgres';
import { waitFor } from '../../helpers/waitFor';

const readLocalResults = async (folder: string) => Object.fromEntries(await readResults(folder));

const env = { OPENAI_API_KEY: 'sk-queue-7d8e9f0a1b2c3d' };
const fake = cliWithFakes();

function campaignFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samsara-campaign-queue-'));
  mkdirSync(join(dir, '.samsara', 'campaigns'), { recursive: true });
  writeFileSync(
    join(dir, '.samsara', 'scenarios.yaml'),
    '- {id: brief, title: Brief, preamble: "", prompt: "Summarise: {{selection}}", followUps: []}\n',
  );
  const passages = [1, 2, 3, 4].map((i) => `  - {id: p${i}, text: "Note ${i}: Ada Lovelace wrote to Charles Babbage."}`);
  writeFileSync(
    join(dir, '.samsara', 'campaigns', 'news.yaml'),
    [
      'name: news',
      'scenarios: [brief]',
      'models: [openai:gpt-queue]',
      'repeats: 3',
      'expect: {mention: [Ada Lovelace]}',
      'passages:',
      ...passages,
    ].join('\n'),
  );
  return dir;
}

describe('samsara campaign --queue and samsara worker', () => {
  let pg: PostgresServer;
  const children: ReturnType<typeof startSamsara>[] = [];
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.done));
    await pg?.stop();
  });

  it('runs every job exactly once across workers, through a killed worker and a database restart', async () => {
    const dir = campaignFolder();
    const file = '.samsara/campaigns/news.yaml';
    const queue = ['--queue', pg.url];
    const outputs: CliRun[] = [];
    const sam = async (args: string[]): Promise<CliRun> => {
      const r = await runSamsara(args, { env, cwd: dir });
      outputs.push(r);
      return r;
    };

    // As a CI runs it: queue, wait for the workers (through the restart below), report, exit.
    const ci = startSamsara(['campaign', 'run', file, ...queue, '--job-expire-s', '4', '--wait', '--format', 'junit'], { env, cwd: dir });
    children.push(ci);
    const queued = /12 job\(s\) of campaign news queued on postgresql:\/\/127\.0\.0\.1:\d+\/postgres/;
    let ciErr = '';
    ci.child.stderr?.on('data', (d: Buffer) => (ciErr += d.toString()));
    await waitFor(() => queued.test(ciErr), { timeoutMs: 30_000, message: 'the campaign is queued' });
    const before = await sam(['campaign', 'status', file, ...queue]);
    assert.equal(before.code, 1, before.stderr);
    assert.match(before.stdout, /campaign news: 0\/12 done; queue: 12 created/);

    // The doomed worker's provider never answers: it holds its job until it is killed.
    const silent = await fake('openai', { respond: () => ({ kind: 'hang' }) });
    const workerArgs = (base: string): string[] => [
      'worker',
      ...queue,
      '--concurrency',
      '1',
      '--maintenance-s',
      '1',
      '--base-url',
      `openai=${base}/v1`,
    ];
    const doomed = startSamsara(workerArgs(silent.baseUrl), { env, cwd: dir });
    children.push(doomed);
    await waitFor(() => silent.requests.length === 1, { timeoutMs: 30_000, message: 'the first worker holds a job' });
    doomed.child.kill('SIGKILL');
    outputs.push(await doomed.done);

    // The others answer two jobs at once, then hold their answers until the database has restarted.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const live = await fake('openai', {
      respond: (r) => ({
        kind: 'wait',
        until: r.n <= 2 ? Promise.resolve() : gate,
        then: { kind: 'reply', text: 'Ada Lovelace wrote to Babbage.' },
      }),
    });
    const files = join(dir, 'transcripts');
    const workers = [
      startSamsara(workerArgs(live.baseUrl), { env, cwd: dir }),
      startSamsara([...workerArgs(live.baseUrl), '--transcripts', files], { env, cwd: dir }),
    ];
    children.push(...workers);
    await waitFor(() => live.requests.length >= 4, { timeoutMs: 30_000, message: 'two jobs in flight after two done' });
    await pg.restart();
    release();

    const table = new Pool({ connectionString: pg.url });
    table.on('error', () => undefined);
    try {
      await waitFor(
        async () => {
          const { rows } = await table.query<{ n: string }>(
            "SELECT count(*) AS n FROM pgboss.job WHERE name = 'samsara-campaign' AND state = 'completed'",
          );
          return Number(rows[0]?.n) === 12;
        },
        { timeoutMs: 60_000, intervalMs: 200, message: 'every job completed on the queue' },
      );
      const { rows } = await table.query<{ rows: string; keys: string; schema: number; outcome: string }>(
        `SELECT count(*) AS rows, count(DISTINCT key) AS keys, min(schema_version) AS schema, min(outcome) AS outcome
         FROM samsara_campaign_transcripts WHERE campaign = 'news'`,
      );
      assert.deepEqual(rows[0], { rows: '12', keys: '12', schema: 3, outcome: 'completed' }, 'one row per job, no duplicate');
      const leaked = await table.query(`SELECT 1 FROM samsara_campaign_transcripts WHERE transcript::text LIKE $1`, [`%${pg.password}%`]);
      assert.equal(leaked.rowCount, 0);
    } finally {
      await table.end();
    }
    assert.ok(live.requests.length >= 12, 'the killed worker’s job was sent again');

    for (const w of workers) w.child.kill('SIGINT');
    for (const w of workers) {
      const r = await w.done;
      outputs.push(r);
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /samsara: worker \d+ stopped after \d+ job\(s\)/);
    }
    assert.ok(readdirSync(files).filter((n) => n.endsWith('.json')).length > 0, 'transcripts also written as files when asked');

    const status = await sam(['campaign', 'status', file, ...queue]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /campaign news: 12\/12 done; queue: 12 completed/);
    const report = await sam(['campaign', 'report', file, ...queue, '--format', 'json']);
    assert.equal(report.code, 0, report.stderr);
    const json = JSON.parse(report.stdout) as { passed: boolean; jobs: unknown[]; models: { model: string; passRate: number }[] };
    assert.equal(json.passed, true);
    assert.equal(json.jobs.length, 12);
    assert.deepEqual(
      json.models.map((m) => [m.model, m.passRate]),
      [['openai:gpt-queue', 1]],
    );
    const waited = await ci.done;
    outputs.push(waited);
    assert.equal(waited.code, 0, waited.stderr);
    assert.match(waited.stderr, /0\/12 job\(s\) done[^]*12\/12 job\(s\) done/);
    assert.match(waited.stdout, /<testsuites name="news" tests="12" failures="0"/);
    const again = await sam(['campaign', 'run', file, ...queue]);
    assert.match(again.stderr, /0 job\(s\) of campaign news queued .* \(12 already done\)/);

    const everything = outputs.map((r) => r.stdout + r.stderr).join('\n');
    assert.match(everything, /database: |cannot fetch jobs|failed \(/, 'the workers noticed the restart');
    assert.ok(!everything.includes(pg.password), 'the password appears in no output');
    assert.ok(!everything.includes(env.OPENAI_API_KEY));
  });

  it('running the campaign again puts back a job pg-boss gave up on, and nothing else', async () => {
    const dir = campaignFolder();
    const file = '.samsara/campaigns/news.yaml';
    writeFileSync(join(dir, file), 'name: again\nscenarios: [brief]\nmodels: [openai:m]\nrepeats: 2\npassages: [{text: "Ada."}]\n');
    const first = await runSamsara(['campaign', 'run', file, '--queue', pg.url], { env, cwd: dir });
    assert.match(first.stderr, /2 job\(s\) of campaign again queued/);
    const table = new Pool({ connectionString: pg.url });
    try {
      const states = async (): Promise<string[]> =>
        (await table.query<{ state: string }>("SELECT state FROM pgboss.job WHERE data->>'campaign' = 'again' ORDER BY state")).rows.map(
          (r) => r.state,
        );
      // As after two failed attempts: the job's result was never stored.
      await table.query(
        "UPDATE pgboss.job SET state = 'failed' WHERE id = (SELECT id FROM pgboss.job WHERE data->>'campaign' = 'again' LIMIT 1)",
      );
      assert.deepEqual(await states(), ['created', 'failed']);
      const second = await runSamsara(['campaign', 'run', file, '--queue', pg.url], { env, cwd: dir });
      assert.equal(second.code, 0, second.stderr);
      assert.deepEqual(await states(), ['created', 'retry'], 'the failed job is back, none was added');
    } finally {
      await table.end();
    }
  });

  it('a worker computes entity fidelity through the sidecar as the local runner does, and stores the figures', async () => {
    const dir = campaignFolder();
    const file = '.samsara/campaigns/news.yaml';
    writeFileSync(
      join(dir, file),
      [
        'name: names',
        'scenarios: [brief]',
        'models: [openai:gpt-names]',
        'expect: {noNameOutsideSource: true}',
        'passages: [{id: ada, text: "Ada Lovelace wrote to Charles Babbage from London."}]',
      ].join('\n'),
    );
    const f = await fake('openai', { respond: () => ({ kind: 'reply', text: 'Ada Lovelace wrote to Isaac Newton.' }) });
    const base = ['--base-url', `openai=${f.baseUrl}/v1`];
    // The local runner, with the bundled sidecar: the figures to match.
    const local = await runSamsara(['campaign', 'run', file, ...base, '--format', 'json', '--out', 'local.results'], { env, cwd: dir });
    assert.equal(local.code, 1, local.stderr);
    const [localResult] = Object.values(await readLocalResults(join(dir, 'local.results')));
    const localFidelity = localResult?.transcript.turns[0]?.entities;
    assert.ok(localFidelity, `the local run recorded fidelity: ${local.stderr}`);

    const queued = await runSamsara(['campaign', 'run', file, '--queue', pg.url], { env, cwd: dir });
    assert.equal(queued.code, 0, queued.stderr);
    const worker = await runSamsara(['worker', '--queue', pg.url, '--exit-when-idle', ...base], { env, cwd: dir });
    assert.equal(worker.code, 0, worker.stderr);
    const table = new Pool({ connectionString: pg.url });
    try {
      const { rows } = await table.query<{ transcript: { turns: { entities?: unknown }[]; entitiesProblem?: string } }>(
        "SELECT transcript FROM samsara_campaign_transcripts WHERE campaign = 'names'",
      );
      assert.equal(rows.length, 1);
      const stored = rows[0].transcript;
      assert.equal(stored.entitiesProblem, undefined, 'the worker’s sidecar ran');
      assert.deepEqual(stored.turns[0]?.entities, localFidelity, 'the same figures as the local runner');
      const names = (list: { text: string; label: string }[]): string[] => list.map((e) => `${e.text} (${e.label})`).sort();
      const fidelity = stored.turns[0]?.entities as {
        unsupported: { text: string; label: string }[];
        missing: { text: string; label: string }[];
      };
      assert.deepEqual(names(fidelity.unsupported), ['Isaac Newton (PERSON)']);
      assert.ok(names(fidelity.missing).includes('Charles Babbage (PERSON)'), JSON.stringify(fidelity.missing));
    } finally {
      await table.end();
    }
    const report = await runSamsara(['campaign', 'report', file, '--queue', pg.url, '--format', 'json'], { env, cwd: dir });
    assert.equal(report.code, 1, 'the invented name fails "no name outside the source"');
    assert.match(report.stdout, /Isaac Newton/);
  });

  it('a bad address is a usage error that does not echo the password', async () => {
    const dir = campaignFolder();
    const r = await runSamsara(['campaign', 'status', '.samsara/campaigns/news.yaml', '--queue', 'mysql://u:hunter2-secret@h/db'], {
      cwd: dir,
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--queue expects a postgresql:\/\/ address/);
    const down = await runSamsara(['worker', '--queue', `postgresql://samsara:hunter2-secret@127.0.0.1:${pg.port + 1}/x`], { cwd: dir });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot open the queue at postgresql:\/\/127\.0\.0\.1:\d+\/x/);
    assert.ok(!(down.stdout + down.stderr + r.stderr).includes('hunter2'));
  });
});
