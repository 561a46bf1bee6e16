// The probe store and stored campaign results, from the editor's side: the real server binary and
// a real LSP client, a real PostgreSQL (a private cluster, test/helpers/postgres.ts) whose
// transcript table holds a campaign's results as queue workers store them, and a fake provider.
// samsara/storeHistory lists the store (samsara.probes.store, the password sent with the request),
// samsara/storeTranscript renders one stored transcript, samsara/campaignResults reopens a
// campaign's results from its results folder or from the store without sending anything; a wrong
// or missing password, an unreachable store and an address holding a password each give a clear
// message; the password shows up in no answer, error or log line.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { campaignResultSchema, storeHistorySchema, type CampaignResult } from '../../../../shared/lsp';
import { defaultResultsFolder } from '../../../../server/src/campaigns/campaignLoader';
import { readResults } from '../../../../server/src/campaigns/campaignResults';
import { ensureTranscriptTable, storeResult } from '../../../../server/src/campaigns/transcriptTable';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { LspTestClient } from '../../../helpers/lspClient';
import { startPostgres, type PostgresServer } from '../../../helpers/postgres';

const KEY = 'sk-store-browse-4f5e6d7c8b';
const workspace = mkdtempSync(join(tmpdir(), 'samsara-store-ws-'));
mkdirSync(join(workspace, '.samsara', 'campaigns'), { recursive: true });
writeFileSync(
  join(workspace, '.samsara', 'scenarios.yaml'),
  '- {id: brief, title: Brief, preamble: "", prompt: "Summarise: {{selection}}", followUps: []}\n',
);
const campaignPath = join(workspace, '.samsara', 'campaigns', 'desk.yaml');
writeFileSync(
  campaignPath,
  [
    'name: desk',
    'scenarios: [brief]',
    'models: [openai:gpt-5.4-mini, openai:gpt-inventive]',
    'expect: {mention: [Ada Lovelace]}',
    'passages:',
    '  - {id: ada, text: "Ada Lovelace wrote notes on the engine."}',
  ].join('\n'),
);
const uri = pathToFileURL(campaignPath).toString();

let client: LspTestClient;
let fake: FakeProvider;
let pg: PostgresServer;
/** postgresql://samsara@127.0.0.1:<port>/postgres: the setting, without the password. */
let address: string;

const modelOf = (body: unknown): string => String((body as { model?: unknown }).model);

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

/** The message a request failed with ('' if it did not fail). */
async function failure(method: string, params: unknown): Promise<string> {
  try {
    await client.request<unknown>(method, params);
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const verdicts = (result: CampaignResult): string[] =>
  result.rows.flatMap((row) => row.cells.map((c) => `${row.passage} ${c.model}: ${c.passed ? 'passed' : 'failed'}`));

before(async () => {
  pg = await startPostgres();
  const url = new URL(pg.url);
  url.password = '';
  address = url.toString();
  fake = await startFakeProvider('openai', {
    respond: (r) => ({ kind: 'reply', text: modelOf(r.body) === 'gpt-5.4-mini' ? 'Ada Lovelace wrote notes.' : 'Isaac Newton did.' }),
  });
  client = await LspTestClient.start({ workspaceFolder: workspace });
  client.settings = { probes: { baseUrls: { openai: fake.baseUrl }, store: address } };
  // The campaign runs once from the editor (its results folder), and its results go to the store
  // as a queue worker stores them.
  await client.request<unknown>('samsara/runCampaign', { uri, apiKeys: { openai: KEY } });
  const pool = new Pool({ connectionString: pg.url });
  try {
    await ensureTranscriptTable(pool);
    const results = await readResults(defaultResultsFolder(campaignPath, workspace, 'desk'));
    for (const result of results.values()) await storeResult(pool, result, 'newsroom-7:4242');
  } finally {
    await pool.end();
  }
});
after(async () => {
  await client?.shutdown();
  await fake?.close();
  await pg?.stop();
});

describe('the probe store and stored campaign results in the editor', () => {
  it('lists the store’s campaign transcripts and renders one, with the password from the request', async () => {
    const history = storeHistorySchema.parse(await client.request<unknown>('samsara/storeHistory', { password: pg.password }));
    assert.equal(history.store, address.replace('samsara@', ''), 'the address shown has no credentials');
    assert.deepEqual(history.entries.map((e) => [e.campaign, e.model, e.passage, e.scenarioId, e.worker, e.outcome]).sort(), [
      ['desk', 'openai:gpt-5.4-mini', 'ada', 'brief', 'newsroom-7:4242', 'completed'],
      ['desk', 'openai:gpt-inventive', 'ada', 'brief', 'newsroom-7:4242', 'completed'],
    ]);
    assert.ok(history.entries.every((e) => e.scenarioTitle.startsWith('Brief')));
    const inventive = history.entries.find((e) => e.model === 'openai:gpt-inventive');
    const { markdown } = await client.request<{ markdown: string }>('samsara/storeTranscript', {
      campaign: 'desk',
      key: inventive?.key,
      password: pg.password,
    });
    assert.match(markdown, /Isaac Newton did\./);
    assert.match(markdown, /Ada Lovelace wrote notes on the engine\./, 'the passage probed');
  });

  it('reopens a campaign’s results from its results folder and from the store, judged per expectation, sending nothing', async () => {
    const sent = fake.requests.length;
    const expected = ['ada openai:gpt-5.4-mini: passed', 'ada openai:gpt-inventive: failed'];
    const files = campaignResultSchema.parse(await client.request<unknown>('samsara/campaignResults', { uri, source: 'files' }));
    assert.deepEqual(verdicts(files), expected);
    assert.equal(files.reopened, true);
    assert.equal(files.passed, false);
    const bad = files.rows[0].cells.find((c) => c.model === 'openai:gpt-inventive');
    assert.deepEqual(
      bad?.verdicts.filter((v) => !v.passed).map((v) => [v.name, v.detail]),
      [['mention Ada Lovelace', 'not mentioned']],
    );
    const stored = campaignResultSchema.parse(
      await client.request<unknown>('samsara/campaignResults', { uri, source: 'store', password: pg.password }),
    );
    assert.deepEqual(verdicts(stored), expected);
    assert.deepEqual(
      stored.summaries.map((s) => [s.model, s.passed, s.jobs]),
      [
        ['openai:gpt-5.4-mini', 1, 1],
        ['openai:gpt-inventive', 0, 1],
      ],
    );
    assert.ok(!stored.resultsFolder.includes('samsara@') && stored.resultsFolder.startsWith('postgresql://127.0.0.1:'));
    assert.equal(fake.requests.length, sent, 'nothing was sent to the provider');
  });

  it('a wrong or missing password, an unreachable store, a password in the setting: clear messages, never the password', async () => {
    const wrong = `${pg.password}-wrong`;
    const refused = await failure('samsara/storeHistory', { password: wrong });
    assert.match(refused, /the probe store at postgresql:\/\/127\.0\.0\.1:\d+\/postgres refused the sign-in/);
    assert.match(refused, /Set Probe Store Password/);
    assert.ok(!refused.includes(wrong) && !refused.includes(pg.password));

    const missing = await failure('samsara/storeHistory', {});
    assert.match(missing, /asks for a password|refused the sign-in/);
    assert.match(missing, /Set Probe Store Password/);

    const fromStore = await failure('samsara/campaignResults', { uri, source: 'store', password: wrong });
    assert.match(fromStore, /refused the sign-in/);
    assert.ok(!fromStore.includes(wrong));

    client.settings = {
      probes: { baseUrls: { openai: fake.baseUrl }, store: `postgresql://samsara@127.0.0.1:${await closedPort()}/postgres` },
    };
    const unreachable = await failure('samsara/storeHistory', { password: pg.password });
    assert.match(unreachable, /Cannot reach the probe store at postgresql:\/\/127\.0\.0\.1:\d+\/postgres/);
    assert.ok(!unreachable.includes(pg.password));

    // An address holding the password is refused (and not echoed): as if no store were set.
    client.settings = { probes: { baseUrls: { openai: fake.baseUrl }, store: pg.url } };
    const none = storeHistorySchema.parse(await client.request<unknown>('samsara/storeHistory', { password: pg.password }));
    assert.deepEqual(none, { store: '', entries: [], truncated: false });
    assert.match(client.logText(), /samsara\.probes\.store: the address holds a password: remove it/);

    // The local side still works.
    const local = campaignResultSchema.parse(await client.request<unknown>('samsara/campaignResults', { uri, source: 'files' }));
    assert.equal(local.rows[0].cells.length, 2);
    assert.ok(!client.logText().includes(pg.password), 'the password is in no log line');
    client.settings = { probes: { baseUrls: { openai: fake.baseUrl }, store: address } };
  });
});
