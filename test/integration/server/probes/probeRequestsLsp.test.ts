// The probe engine's other LSP messages through the real server binary and its real sidecar:
// the live stream of a probe, the estimate, model lists, saved transcripts (unique, listed,
// rendered, compared), the transcript folder rule, the doctor; and, with the trace verbose and
// debug logging on, a scan of everything the server wrote after a scripted failing probe: no key.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ResponseError } from 'vscode-jsonrpc/node';
import {
  doctorResultSchema,
  modelListSchema,
  probeEstimateResultSchema,
  probeResultSchema,
  transcriptListSchema,
  type ProbeResult,
  type ProbeStreamParams,
} from '../../../../shared/lsp';
import { transcriptToMarkdown } from '../../../../shared/probes/transcriptMarkdown';
import { readTranscript, TRANSCRIPT_SCHEMA_VERSION } from '../../../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { FAKE_MODELS } from '../../../fixtures/fakeProviders/wireShapes';
import { LspTestClient } from '../../../helpers/lspClient';
import { requireRealSidecar } from '../../../helpers/paths';
import { waitFor } from '../../../helpers/waitFor';

const workspace = mkdtempSync(join(tmpdir(), 'samsara-probe-req-ws-'));
const KEY = 'sk-LSP-scan-8Fq3Zt7Wk2Lm9Np4';
let client: LspTestClient;
const fakes: FakeProvider[] = [];
const streamed: ProbeStreamParams[] = [];

async function fake(...args: Parameters<typeof startFakeProvider>): Promise<FakeProvider> {
  const f = await startFakeProvider(...args);
  fakes.push(f);
  return f;
}

function useProvider(provider: string, baseUrl: string, probes: Record<string, unknown> = {}): void {
  client.settings = { probes: { baseUrls: { [provider]: baseUrl }, ...probes } };
}

async function probe(args: Record<string, unknown>): Promise<ProbeResult> {
  return probeResultSchema.parse(
    await client.request<unknown>('workspace/executeCommand', { command: 'samsara.probe', arguments: [args] }),
  );
}

before(async () => {
  requireRealSidecar();
  client = await LspTestClient.start({ workspaceFolder: workspace, traceVerbose: true, env: { SAMSARA_LOG: 'debug' } });
  client.onNotification<ProbeStreamParams>('samsara/probeStream', (params) => streamed.push(params));
});
after(async () => {
  await client.shutdown();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  client.settings = {};
});

describe('probe stream and saved transcripts over LSP', () => {
  it('streams the answer as samsara/probeStream for the runId, then saves JSON + Markdown in the workspace', async () => {
    const f = await fake('openai', { steps: [{ kind: 'stream', chunks: ['Live ', 'answer.'] }] });
    useProvider('openai', f.baseUrl);
    const scenario = { id: 'one', title: 'One', preamble: 'P', prompt: 'Q {{selection}}', followUps: [] };
    const result = await probe({ text: 'x', model: 'openai:gpt-x', scenario, apiKey: KEY, runId: 'run-live-1' });
    const mine = streamed.filter((s) => s.runId === 'run-live-1').map((s) => s.event);
    assert.deepEqual(mine, [
      { kind: 'turn', turn: 0, total: 1, prompt: 'Q x' },
      { kind: 'delta', turn: 0, text: 'Live ' },
      { kind: 'delta', turn: 0, text: 'answer.' },
    ]);
    assert.equal(result.transcript.run.id, 'run-live-1');
    assert.ok(result.saved);
    assert.ok(result.saved.json.startsWith(join(workspace, '.samsara', 'probes')));
    const read = readTranscript(JSON.parse(readFileSync(result.saved.json, 'utf8')));
    assert.ok(read.ok);
    assert.equal(read.transcript.schemaVersion, TRANSCRIPT_SCHEMA_VERSION);
    assert.equal(readFileSync(result.saved.markdown, 'utf8'), transcriptToMarkdown(result.transcript));
  });

  it('lists saved transcripts newest first, re-renders an old (v1) one, and writes a comparison', async () => {
    const f = await fake('anthropic', {});
    useProvider('anthropic', f.baseUrl, { stream: false });
    const scenario = { id: 'cmp', title: 'Cmp', preamble: 'P', prompt: 'Q {{selection}}', followUps: [] };
    const a = await probe({ text: 'x', model: 'anthropic:claude-a', scenario, apiKey: KEY });
    const b = await probe({ text: 'x', model: 'anthropic:claude-b', scenario, apiKey: KEY });
    const folder = join(workspace, '.samsara', 'probes');
    // The same run as version 1 wrote it: without the fields version 2 added.
    const v1 = JSON.parse(JSON.stringify({ ...a.transcript, schemaVersion: 1 })) as Record<string, unknown> & {
      turns: Array<Record<string, unknown>>;
    };
    for (const key of ['parameters', 'estimate']) delete v1[key];
    for (const turn of v1.turns) for (const key of ['finish', 'finishReason', 'streamed', 'costUsd']) delete turn[key];
    writeFileSync(join(folder, '2000-01-01-old.json'), JSON.stringify(v1));
    const list = transcriptListSchema.parse(await client.request('samsara/transcripts', {}));
    assert.equal(list.folder, folder);
    assert.equal(list.items.at(-1)?.name, '2000-01-01-old', 'oldest last');
    const rendered = await client.request<{ markdown: string; migratedFrom?: number }>('samsara/renderTranscript', {
      json: join(folder, '2000-01-01-old.json'),
    });
    assert.equal(rendered.migratedFrom, 1);
    assert.match(readFileSync(rendered.markdown, 'utf8'), /^# Cmp — Anthropic claude-a/);
    const compared = await client.request<{ markdown: string }>('samsara/saveComparison', { json: [a.saved!.json, b.saved!.json] });
    assert.match(readFileSync(compared.markdown, 'utf8'), /^# Cmp — 2 models/);
    await assert.rejects(
      client.request('samsara/renderTranscript', { json: '/etc/passwd' }),
      (e: ResponseError<{ code: string }>) => e.data?.code === 'PROBE_TRANSCRIPT_FILE',
    );
  });

  it('a transcript folder that leaves the workspace is refused; the probe still answers, saying why', async () => {
    const f = await fake('openai', {});
    useProvider('openai', f.baseUrl, { transcriptFolder: '../outside', stream: false });
    const scenario = { id: 'one', title: 'One', preamble: 'P', prompt: 'Q {{selection}}', followUps: [] };
    const result = await probe({ text: 'x', model: 'openai:gpt-x', scenario, apiKey: KEY });
    assert.equal(result.saved, undefined);
    assert.match(result.saveProblem ?? '', /samsara.probes.transcriptFolder "..\/outside" leaves the workspace/);
    assert.equal(existsSync(join(workspace, '..', 'outside')), false);
  });
});

describe('estimate and model lists over LSP', () => {
  it('estimates input tokens and cost before sending, with the confirmation threshold', async () => {
    client.settings = { probes: { prices: { 'openai:gpt-5.4-mini': { input: 1000, output: 1000 } }, confirmAboveUsd: 0.5 } };
    const answer = probeEstimateResultSchema.parse(
      await client.request('samsara/probeEstimate', {
        text: 'Ada Lovelace.',
        models: ['openai:gpt-5.4-mini', 'mistral-small-latest', 'nope:x'],
        scenario: 'summarize',
      }),
    );
    assert.equal(answer.confirmAboveUsd, 0.5);
    const [openai, mistral, nope] = answer.estimates;
    assert.equal(openai.estimate?.method, 'o200k_base');
    assert.ok((openai.estimate?.costUsd ?? 0) > 0.5, 'priced high enough to need a confirmation');
    assert.equal(mistral.estimate?.method, 'chars');
    assert.equal(mistral.estimate?.costUsd, undefined, 'not in this price table');
    assert.match(nope.problem ?? '', /Unknown provider "nope"/);
    assert.equal(answer.totalUsd, openai.estimate?.costUsd);
  });

  it('lists what the provider offers for the key, then from the cache', async () => {
    const f = await fake('gemini', {});
    useProvider('gemini', f.baseUrl);
    const first = modelListSchema.parse(await client.request('samsara/models', { provider: 'gemini', apiKey: KEY }));
    const second = modelListSchema.parse(await client.request('samsara/models', { provider: 'gemini', apiKey: KEY }));
    assert.deepEqual(first, { provider: 'gemini', models: [...FAKE_MODELS.gemini].sort(), cached: false });
    assert.equal(second.cached, true);
    assert.equal(f.requests.length, 1, 'asked once');
    await assert.rejects(
      client.request('samsara/models', { provider: 'gemini' }),
      (e: ResponseError<{ code: string }>) => e.data?.code === 'PROBE_MISSING_KEY',
    );
  });
});

describe('doctor over LSP', () => {
  it('reports the sidecar pool, the providers for the keys the editor holds, and the trust state', async () => {
    await waitFor(async () => (await client.stats()).sidecar.state === 'ready', { message: 'sidecar ready', timeoutMs: 60_000 });
    const f = await fake('openai', {});
    useProvider('openai', f.baseUrl);
    const result = doctorResultSchema.parse(await client.request('samsara/doctor', { apiKeys: { openai: KEY }, trusted: false }));
    assert.equal(result.ok, true);
    assert.match(result.markdown, /## Sidecar\n\n\*\*OK\*\*/);
    assert.match(result.markdown, /\| Model \| en_core_web_sm /);
    assert.match(result.markdown, /\| OpenAI \(`openai`\) \| yes \(secret storage\) \| http:\/\/127\.0\.0\.1:\d+ \| OK, 2 models \|/);
    assert.match(result.markdown, /## Workspace trust\n\nrestricted: /);
    assert.deepEqual(result.missingKeys, ['anthropic', 'gemini', 'xai', 'deepseek', 'mistral']);
    assert.ok(!result.markdown.includes(KEY));
  });
});

describe('no key anywhere the server writes', () => {
  it('after a scripted failing probe, with the trace verbose and debug logs on', async () => {
    const f = await fake('openai', {
      steps: [
        { kind: 'error', status: 500, type: 'server_error', message: `crashed while using ${KEY}` },
        {
          kind: 'error',
          status: 401,
          type: 'invalid_api_key',
          message: `Incorrect API key provided: ${KEY.slice(0, 12)}…${KEY.slice(-6)}`,
        },
      ],
      models: { kind: 'error', status: 401, type: 'invalid_api_key', message: `bad key ${KEY}` },
    });
    useProvider('openai', f.baseUrl, { maxRetries: 1 });
    mkdirSync(join(workspace, '.samsara'), { recursive: true });
    const result = await probe({ text: 'x', model: 'openai:gpt-x', apiKey: KEY, runId: 'run-scan' });
    assert.equal(result.transcript.run.outcome, 'failed');
    const models = modelListSchema.parse(await client.request('samsara/models', { provider: 'openai', apiKey: KEY, refresh: true }));
    const errors: string[] = [];
    for (const bad of [`${KEY}\nX`, KEY]) {
      await client
        .request('workspace/executeCommand', {
          command: 'samsara.probe',
          arguments: [{ text: 'x', model: bad === KEY ? 'nope:x' : 'openai:x', apiKey: bad }],
        })
        .catch((e: Error) => errors.push(`${e.message} ${JSON.stringify(e)}`));
    }
    assert.equal(errors.length, 2);
    assert.match(errors[0], /PROBE_INVALID_KEY/);
    const stats = JSON.stringify(await client.stats());
    const doctor = JSON.stringify(await client.request('samsara/doctor', { apiKeys: { openai: KEY } }));
    await waitFor(() => client.logs.some((l) => l.message.includes('HTTP 401')), { message: 'failure logged' });
    const saved = [readFileSync(result.saved!.json, 'utf8'), readFileSync(result.saved!.markdown, 'utf8')];
    // Everything the server wrote: the whole LSP stream (logs, notifications, answers), its stderr, and the files.
    const everything = [
      client.rawOutput,
      client.stderr,
      ...saved,
      stats,
      doctor,
      JSON.stringify(models),
      ...errors,
      JSON.stringify(client.statuses),
    ].join('\n');
    assert.ok(everything.includes('[redacted]'), 'the scan sees the redacted places');
    for (let i = 0; i + 8 <= KEY.length; i++) {
      assert.ok(!everything.includes(KEY.slice(i, i + 8)), `the key's slice at ${i} appears in what the server wrote`);
    }
  });
});
