// `samsara.probe` through the real server binary (node dist/server.js --stdio) and a real LSP
// client, against local fake providers: progress, settings, cancellation, errors, secrets.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { ExecuteCommandParams } from 'vscode-languageserver';
import { probeResultSchema, type ProbeResult } from '../../../../shared/lsp';
import { transcriptSchema, type Transcript } from '../../../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { LspTestClient } from '../../../helpers/lspClient';
import { waitFor } from '../../../helpers/waitFor';

const workspace = mkdtempSync(join(tmpdir(), 'samsara-probe-ws-'));
mkdirSync(join(workspace, '.samsara'));
writeFileSync(
  join(workspace, '.samsara', 'scenarios.yaml'),
  [
    'scenarios:',
    '  - id: custom',
    '    title: Custom',
    '    preamble: From the file.',
    '    prompt: "Custom: {{selection}}"',
    '  - id: broken',
    '    title: Broken',
    '    preamble: x',
    '    prompt: no placeholder',
    '',
  ].join('\n'),
);

let client: LspTestClient;
let fake: FakeProvider | undefined;
let initialSettings: Record<string, unknown>;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: workspace });
  initialSettings = client.settings;
});
after(async () => {
  await client.shutdown();
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  client.settings = initialSettings;
});

/**
 * Sends samsara.probe. A `baseUrl` here is not part of the command: it goes where a user puts it,
 * into the samsara.probes.baseUrls setting, for the model's provider.
 */
async function probe(
  args: Record<string, unknown>,
  extra: { workDoneToken?: string; token?: CancellationTokenSource } = {},
): Promise<Transcript> {
  return (await probeResult(args, extra)).transcript;
}

/** samsara.probe's whole answer: the transcript and where the server saved it. */
async function probeResult(
  args: Record<string, unknown>,
  extra: { workDoneToken?: string; token?: CancellationTokenSource } = {},
): Promise<ProbeResult> {
  const { baseUrl, ...command } = args;
  if (typeof baseUrl === 'string') {
    const provider = String(command.model).split(':')[0];
    const probes = (client.settings.probes ?? {}) as Record<string, unknown>;
    client.settings = { ...client.settings, probes: { ...probes, baseUrls: { [provider]: baseUrl } } };
  }
  const params: ExecuteCommandParams = {
    command: 'samsara.probe',
    arguments: [command],
    ...(extra.workDoneToken ? { workDoneToken: extra.workDoneToken } : {}),
  };
  return probeResultSchema.parse(await client.request<unknown>('workspace/executeCommand', params, extra.token?.token));
}

/** Every message the server logged or showed to the user. */
function messages(): string[] {
  return [...client.logs, ...client.shown].map((entry) => entry.message);
}

describe('samsara.probe over LSP', () => {
  it('runs a built-in scenario, reports turn i/n on the work-done token, returns the transcript', async () => {
    fake = await startFakeProvider('openai');
    const transcript = await probe(
      { text: 'Ada met Babbage.', model: 'openai:gpt-4o', scenario: 'summarize', apiKey: 'k1', baseUrl: fake.baseUrl },
      { workDoneToken: 'wd-1' },
    );
    transcriptSchema.parse(transcript);
    assert.equal(transcript.estimate?.method, 'o200k_base', "the bundled server loads OpenAI's tokenizer from dist/tokenizer.js");
    assert.equal(transcript.scenario.id, 'summarize');
    assert.equal(transcript.turns.length, 3);
    assert.deepEqual(
      transcript.turns.map((t) => t.response),
      ['reply 1', 'reply 2', 'reply 3'],
    );
    assert.equal(fake.requests.length, 3);
    await waitFor(() => client.progress.some((p) => p.token === 'wd-1' && p.value.kind === 'end'), {
      message: `progress end ${JSON.stringify(client.progress)}`,
    });
    const events = client.progress.filter((p) => p.token === 'wd-1').map((p) => [p.value.kind, p.value.message ?? '']);
    assert.deepEqual(events, [
      ['begin', 'turn 1/3'],
      ['report', 'turn 1/3'],
      ['report', 'turn 2/3'],
      ['report', 'turn 3/3'],
      ['end', ''],
    ]);
  });

  it('defaults to the summarize scenario and accepts an inline scenario object', async () => {
    fake = await startFakeProvider('anthropic');
    const inline = { id: 'inline', title: 'Inline', preamble: 'P', prompt: 'Q {{selection}}', followUps: [] };
    const one = await probe({
      text: 'x',
      model: 'anthropic:claude-3-5-haiku-latest',
      scenario: inline,
      apiKey: 'k',
      baseUrl: fake.baseUrl,
    });
    assert.deepEqual(
      one.turns.map((t) => t.prompt),
      ['Q x'],
    );
    const byDefault = await probe({ text: 'x', model: 'anthropic:claude-3-5-haiku-latest', apiKey: 'k', baseUrl: fake.baseUrl });
    assert.equal(byDefault.scenario.id, 'summarize');
  });

  it('loads scenarios from the workspace file, reporting the bad entry with file and field', async () => {
    fake = await startFakeProvider('gemini');
    const transcript = await probe({
      text: 'sel',
      model: 'gemini:gemini-2.0-flash',
      scenario: 'custom',
      apiKey: 'k',
      baseUrl: fake.baseUrl,
    });
    assert.equal(transcript.turns[0].prompt, 'Custom: sel');
    assert.equal(transcript.scenario.preamble, 'From the file.');
    const file = join(workspace, '.samsara', 'scenarios.yaml');
    await waitFor(
      () => messages().some((l) => l.includes(`${file}: scenarios[1].prompt (scenario "broken"): must contain {{selection}}`)),
      {
        message: 'scenario problem logged',
      },
    );
    await assert.rejects(
      probe({ text: 'sel', model: 'gemini:g', scenario: 'broken', apiKey: 'k', baseUrl: fake.baseUrl }),
      (e: ResponseError<{ code: string }>) => {
        assert.equal(e.data?.code, 'PROBE_UNKNOWN_SCENARIO');
        assert.match(e.message, /Unknown scenario "broken".*custom.*scenarios\[1\]\.prompt/);
        return true;
      },
    );
  });

  it('reads timeout and retries from samsara.probes settings', async () => {
    fake = await startFakeProvider('openai', { steps: [{ kind: 'hang' }, { kind: 'hang' }] });
    client.settings = { ...client.settings, probes: { timeoutMs: 200, maxRetries: 0, concurrency: 2 } };
    const transcript = await probe({ text: 'x', model: 'openai:gpt-4o', apiKey: 'k', baseUrl: fake.baseUrl });
    assert.equal(fake.requests.length, 1, 'maxRetries 0');
    assert.equal(transcript.turns[0].error?.code, 'PROBE_TIMEOUT');
    assert.match(transcript.turns[0].error?.message ?? '', /within 200 ms/);
  });

  it('$/cancelRequest aborts the HTTP request; the partial transcript, marked cancelled, is saved and answered', async () => {
    fake = await startFakeProvider('openai', { steps: [{ kind: 'hang' }] });
    const source = new CancellationTokenSource();
    const running = probeResult(
      { text: 'x', model: 'openai:gpt-4o', apiKey: 'k', baseUrl: fake.baseUrl },
      { token: source, workDoneToken: 'wd-cancel' },
    );
    await waitFor(() => fake!.requests.length === 1, { message: 'request at the provider' });
    source.cancel();
    const result = await running;
    assert.equal(result.transcript.run.outcome, 'cancelled');
    assert.equal(result.transcript.turns[0].finish, 'cancelled');
    assert.ok(result.saved, 'saved');
    assert.equal(transcriptSchema.parse(JSON.parse(readFileSync(result.saved.json, 'utf8'))).run.outcome, 'cancelled');
    await waitFor(() => fake!.requests[0].abandoned, { message: 'provider to see the socket closed' });
    await waitFor(() => client.progress.some((p) => p.token === 'wd-cancel' && p.value.kind === 'end'), { message: 'progress end' });
  });

  it('a missing key is a typed error that says how to fix it', async () => {
    await assert.rejects(
      probe({ text: 'x', model: 'mistral:mistral-small-latest' }),
      (e: ResponseError<{ code: string; provider: string }>) => {
        assert.deepEqual(e.data, { code: 'PROBE_MISSING_KEY', provider: 'mistral' });
        assert.match(e.message, /Set API Key/);
        return true;
      },
    );
    await assert.rejects(
      probe({ text: 'x', model: 'acme:big', apiKey: 'k' }),
      (e: ResponseError<{ code: string }>) => e.data?.code === 'PROBE_UNKNOWN_PROVIDER',
    );
  });

  it('rejects a malformed argument with InvalidParams', async () => {
    await assert.rejects(probe({ text: '', model: 'openai:gpt-4o' }), (e: ResponseError<{ code: string }>) => {
      assert.equal(e.code, -32602);
      assert.equal(e.data?.code, 'PROBE_INVALID_ARGUMENTS');
      assert.match(e.message, /text: select some text first/);
      return true;
    });
  });

  it('the API key appears nowhere: not in transcripts, logs, error messages or stderr', async () => {
    const key = 'sk-DISTINCTIVE-9f8e7d6c5b4a-KEY';
    fake = await startFakeProvider('openai', {
      steps: [
        { kind: 'reply', text: 'fine' },
        { kind: 'error', status: 500, type: 'server_error', message: `internal error for ${key}` },
        { kind: 'error', status: 401, type: 'invalid_api_key', message: `Incorrect API key provided: ${key}` },
      ],
    });
    client.settings = { ...client.settings, probes: { maxRetries: 1 } };
    const transcript = await probe({ text: 'x', model: 'openai:gpt-4o', apiKey: key, baseUrl: fake.baseUrl });
    assert.equal(fake.requests[0].headers.authorization, `Bearer ${key}`, 'the key did reach the provider');
    assert.equal(transcript.turns[1].error?.status, 401);
    assert.equal(transcript.turns[1].retries, 1);
    let errorMessage = '';
    await probe({ text: 'x', model: 'nope:x', apiKey: key }).catch((e: Error) => (errorMessage = `${e.message} ${JSON.stringify(e)}`));
    assert.notEqual(errorMessage, '');
    await waitFor(() => messages().some((l) => l.includes('HTTP 401')), { message: 'failure logged' });
    const everything = [JSON.stringify(transcript), messages().join('\n'), client.stderr, errorMessage].join('\n');
    assert.ok(!everything.includes(key), 'key leaked');
    assert.ok(!everything.includes('9f8e7d6c5b4a'), 'key fragment leaked');
    assert.ok(everything.includes('[redacted]'));
  });
});
