// A campaign run from the editor: samsara/campaignPlan and samsara/runCampaign through the real
// server binary and a real LSP client, two models on a local fake provider. Results judged per
// model, transcripts saved in the transcript folder marked with the campaign, $/progress, the key
// never in the answer, and Cancel: new jobs stop, the finished one is kept, a re-run resumes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { campaignPlanSchema, campaignResultSchema, campaignGroup, type CampaignResult } from '../../../../shared/lsp';
import { transcriptSchema } from '../../../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { LspTestClient } from '../../../helpers/lspClient';
import { waitFor } from '../../../helpers/waitFor';

const KEY = 'sk-editor-campaign-9a8b7c6d5e';
const workspace = mkdtempSync(join(tmpdir(), 'samsara-campaign-ws-'));
mkdirSync(join(workspace, '.samsara', 'campaigns'), { recursive: true });
// One turn per job, so requests count jobs.
writeFileSync(
  join(workspace, '.samsara', 'scenarios.yaml'),
  '- {id: brief, title: Brief, preamble: "", prompt: "Summarise: {{selection}}", followUps: []}\n',
);

function campaignFile(name: string, lines: string[]): string {
  const path = join(workspace, '.samsara', 'campaigns', `${name}.yaml`);
  writeFileSync(path, [`name: ${name}`, 'scenarios: [brief]', ...lines].join('\n'));
  return pathToFileURL(path).toString();
}

let client: LspTestClient;
let fake: FakeProvider | undefined;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: workspace });
});
after(async () => {
  await client.shutdown();
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(uri: string, extra: { token?: CancellationTokenSource; workDoneToken?: string } = {}): Promise<CampaignResult> {
  const params = { uri, apiKeys: { openai: KEY }, ...(extra.workDoneToken ? { workDoneToken: extra.workDoneToken } : {}) };
  return campaignResultSchema.parse(await client.request<unknown>('samsara/runCampaign', params, extra.token?.token));
}

const modelOf = (body: unknown): string => String((body as { model?: unknown }).model);

describe('samsara/runCampaign', () => {
  it('runs two models, judges each expectation per model, saves transcripts marked with the campaign', async () => {
    fake = await startFakeProvider('openai', {
      respond: (r) => ({ kind: 'reply', text: modelOf(r.body) === 'gpt-5.4-mini' ? 'Ada Lovelace wrote notes.' : 'Isaac Newton did.' }),
    });
    client.settings = { ...client.settings, probes: { baseUrls: { openai: fake.baseUrl } } };
    const uri = campaignFile('news', [
      'models: [openai:gpt-5.4-mini, openai:gpt-inventive]',
      'expect: {mention: [Ada Lovelace], notInvent: [Isaac Newton]}',
      'passages:',
      '  - {id: ada, text: "Ada Lovelace wrote notes on the engine."}',
    ]);
    const plan = campaignPlanSchema.parse(await client.request<unknown>('samsara/campaignPlan', { uri }));
    assert.deepEqual(
      { campaign: plan.campaign, jobs: plan.jobs, done: plan.done, providers: plan.providers },
      { campaign: 'news', jobs: 2, done: 0, providers: ['openai'] },
    );

    const result = await run(uri, { workDoneToken: 'wd-campaign' });
    assert.equal(fake.requests.length, 2);
    assert.ok(
      fake.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`),
      'the key sent reaches the provider',
    );
    assert.deepEqual(result.models, ['openai:gpt-5.4-mini', 'openai:gpt-inventive']);
    assert.equal(result.rows.length, 1);
    const [row] = result.rows;
    assert.deepEqual([row.passage, row.scenario, row.repeat], ['ada', 'brief', 1]);
    const cell = (model: string) => row.cells.find((c) => c.model === model);
    assert.equal(cell('openai:gpt-5.4-mini')?.passed, true);
    const bad = cell('openai:gpt-inventive');
    assert.equal(bad?.passed, false);
    assert.deepEqual(
      bad?.verdicts.filter((v) => !v.passed).map((v) => `${v.name}: ${v.detail}`),
      ['mention Ada Lovelace: not mentioned', 'not invent Isaac Newton: named in turn 1'],
    );
    assert.equal(result.passed, false);
    assert.equal(result.interrupted, false);
    assert.deepEqual(
      result.summaries.map((s) => [s.model, s.passed, s.jobs]),
      [
        ['openai:gpt-5.4-mini', 1, 1],
        ['openai:gpt-inventive', 0, 1],
      ],
    );
    for (const c of row.cells) {
      assert.ok(c.transcript, `${c.model}: transcript saved`);
      const saved = transcriptSchema.parse(JSON.parse(readFileSync(c.transcript, 'utf8')));
      assert.equal(saved.run.group, campaignGroup('news'));
      assert.equal(saved.modelRequested, c.model);
      assert.ok(c.transcript.startsWith(join(workspace, '.samsara', 'probes')), c.transcript);
    }
    assert.ok(!JSON.stringify(result).includes(KEY), 'no key in the answer');
    await waitFor(() => client.progress.some((p) => p.token === 'wd-campaign' && p.value.kind === 'end'), { message: 'progress end' });
    const reports = client.progress.filter((p) => p.token === 'wd-campaign' && p.value.kind === 'report');
    assert.ok(
      reports.some((p) => p.value.kind === 'report' && p.value.message?.startsWith('2/2 jobs')),
      'per-job progress',
    );

    // Run again: every job is found done, nothing is sent.
    const again = await run(uri);
    assert.equal(fake.requests.length, 2);
    assert.equal(again.skipped, 2);
    assert.equal(again.rows[0].cells.length, 2);
  });

  it('Cancel stops new jobs and keeps the finished one; the next run resumes by content key', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake = await startFakeProvider('openai', {
      respond: (r) => (r.n === 2 ? { kind: 'wait', until: gate, then: { kind: 'reply', text: 'late' } } : { kind: 'reply', text: 'ok' }),
    });
    client.settings = { ...client.settings, probes: { baseUrls: { openai: fake.baseUrl }, concurrency: 1 } };
    const uri = campaignFile('resume', [
      'models: [openai:gpt-5.4-mini]',
      'passages:',
      '  - {id: one, text: "First passage."}',
      '  - {id: two, text: "Second passage."}',
      '  - {id: three, text: "Third passage."}',
    ]);
    const source = new CancellationTokenSource();
    const running = run(uri, { token: source });
    await waitFor(() => fake!.requests.length === 2, { message: 'second job at the provider' });
    source.cancel();
    const cancelled = await running;
    release();
    assert.equal(cancelled.interrupted, true);
    assert.equal(cancelled.passed, false);
    assert.deepEqual(
      cancelled.rows.map((r) => r.cells.length),
      [1, 0, 0],
    );
    assert.equal(fake.requests.length, 2, 'no job started after Cancel');
    await waitFor(() => fake!.requests[1].abandoned, { message: 'the job in flight aborted' });

    const resumed = await run(uri);
    assert.equal(resumed.skipped, 1);
    assert.equal(resumed.interrupted, false);
    assert.equal(resumed.passed, true);
    assert.deepEqual(
      resumed.rows.map((r) => r.cells.length),
      [1, 1, 1],
    );
    assert.equal(fake.requests.length, 4, 'only the two unfinished jobs ran again');
  });

  it('a bad campaign file is a typed error naming the file and field', async () => {
    const uri = campaignFile('broken', ['models: []', 'passages: []']);
    await assert.rejects(client.request('samsara/runCampaign', { uri, apiKeys: {} }), (error: Error) => {
      assert.match(error.message, /broken\.yaml/);
      assert.match(error.message, /models/);
      return true;
    });
  });
});
