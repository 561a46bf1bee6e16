// Streaming against local fakes that send each provider's real server-sent events: the answer
// arrives in pieces (events in order), tokens and finish reason come from the final events, a
// cancel mid-stream keeps the partial turn marked cancelled, an error event mid-stream is retried
// with the shown text reset. And the model lists each provider's endpoint returns.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { listModels } from '../../../../server/src/probes/modelLists';
import { parseModelRef, resolveEndpoint } from '../../../../server/src/probes/providers';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { FAKE_MODELS, FAKE_MODEL_VERSION, type FakeFormat } from '../../../fixtures/fakeProviders/wireShapes';
import { waitFor } from '../../../helpers/waitFor';
import { ONE_TURN, probeFake } from './probeHarness';

const FORMATS: FakeFormat[] = ['openai', 'anthropic', 'gemini'];
const fakes: FakeProvider[] = [];
async function fake(format: FakeFormat, options: Parameters<typeof startFakeProvider>[1]): Promise<FakeProvider> {
  const started = await startFakeProvider(format, options);
  fakes.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

for (const format of FORMATS) {
  describe(`${format} streaming`, () => {
    it('fills the turn piece by piece; tokens and finish reason from the final events', async () => {
      const f = await fake(format, { steps: [{ kind: 'stream', chunks: ['Ada ', 'met ', 'Babbage.'], usage: { input: 21, output: 4 } }] });
      const { transcript, events } = await probeFake(f, { scenario: ONE_TURN, stream: true });
      const body = f.requests[0].body as Record<string, unknown>;
      if (format === 'gemini') assert.match(f.requests[0].path, /:streamGenerateContent\?alt=sse$/);
      else assert.equal(body.stream, true);
      assert.deepEqual(
        events.map((e) => (e.kind === 'delta' ? e.text : e.kind)),
        ['turn', 'Ada ', 'met ', 'Babbage.'],
      );
      const turn = transcript.turns[0];
      assert.equal(turn.response, 'Ada met Babbage.');
      assert.equal(turn.streamed, true);
      assert.equal(turn.finish, 'stop');
      assert.deepEqual(turn.tokens, { input: 21, output: 4, estimated: false });
      assert.equal(turn.modelVersion, FAKE_MODEL_VERSION[format]);
      assert.equal(transcript.parameters?.stream, true);
    });

    it('a cancel mid-stream keeps what arrived, marked cancelled', async () => {
      const f = await fake(format, { steps: [{ kind: 'stream', chunks: ['First ', 'half', ' never sent'], hangAfter: 2 }] });
      const abort = new AbortController();
      const pieces: string[] = [];
      const running = probeFake(f, {
        scenario: ONE_TURN,
        stream: true,
        signal: abort.signal,
        onEvent: (e) => e.kind === 'delta' && pieces.push(e.text),
      });
      // The fake stops after two pieces and holds the stream open: cancel mid-way.
      await waitFor(() => pieces.length === 2, { message: 'two pieces streamed' });
      abort.abort();
      const { transcript } = await running;
      assert.equal(transcript.run.outcome, 'cancelled');
      assert.deepEqual([transcript.turns[0].response, transcript.turns[0].finish], ['First half', 'cancelled']);
      await waitFor(() => f.requests[0].abandoned, { message: 'the provider sees the stream closed' });
    });
  });
}

describe('errors inside a stream', () => {
  it('an overloaded error mid-stream is retried; the text shown so far is reset first', async () => {
    const f = await fake('anthropic', {
      steps: [
        { kind: 'stream', chunks: ['Part', 'ial', 'x'], errorAfter: { chunks: 2, type: 'overloaded_error', message: 'Overloaded' } },
        { kind: 'stream', chunks: ['Whole ', 'answer.'] },
      ],
    });
    const { transcript, events, delays } = await probeFake(f, { scenario: ONE_TURN, stream: true });
    assert.equal(delays.length, 1);
    assert.deepEqual(
      events.map((e) => (e.kind === 'delta' ? e.text : e.kind)),
      ['turn', 'Part', 'ial', 'reset', 'Whole ', 'answer.'],
    );
    assert.equal(transcript.turns[0].response, 'Whole answer.');
    assert.equal(transcript.turns[0].retries, 1);
  });
  it('an invalid-request error mid-stream is not retried', async () => {
    const f = await fake('openai', {
      steps: [{ kind: 'stream', chunks: ['a', 'b'], errorAfter: { chunks: 1, type: 'invalid_request_error', message: 'Bad input' } }],
    });
    const { transcript, delays } = await probeFake(f, { scenario: ONE_TURN, stream: true });
    assert.deepEqual(delays, []);
    assert.match(transcript.turns[0].error?.message ?? '', /reported an error mid-stream \(invalid_request_error\): Bad input/);
  });
});

describe('model lists', () => {
  for (const format of FORMATS) {
    it(`${format}: what the models endpoint lists for the key`, async () => {
      const f = await fake(format, {});
      const provider = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini' }[format];
      const endpoint = resolveEndpoint(parseModelRef(`${provider}:x`), 'sk-list-key-123', f.baseUrl);
      const listed = await listModels(endpoint, 5000);
      assert.ok(listed.ok, JSON.stringify(listed));
      assert.deepEqual(listed.models, [...FAKE_MODELS[format]].sort());
      assert.equal(f.requests[0].method, 'GET');
      assert.match(
        f.requests[0].path,
        { openai: /^\/v1\/models$/, anthropic: /^\/v1\/models\?limit=/, gemini: /^\/v1beta\/models\?pageSize=/ }[format],
      );
    });
  }
  it('Ollama: its own /api/tags beside the OpenAI-compatible /v1', async () => {
    const f = await fake('openai', { models: ['llama3.1:8b', 'qwen3:4b'] });
    const listed = await listModels(resolveEndpoint(parseModelRef('ollama:x'), undefined, `${f.baseUrl}/v1`), 5000);
    assert.deepEqual(listed.ok && listed.models, ['llama3.1:8b', 'qwen3:4b']);
    assert.equal(f.requests[0].path, '/api/tags');
  });
  it('a refused key is a problem, with the provider message and no key', async () => {
    const key = 'sk-list-REFUSED-987654321';
    const f = await fake('openai', {
      models: { kind: 'error', status: 401, type: 'invalid_api_key', message: `Incorrect API key provided: ${key}` },
    });
    const listed = await listModels(resolveEndpoint(parseModelRef('openai:x'), key, f.baseUrl), 5000);
    assert.ok(!listed.ok);
    assert.match(listed.problem, /^HTTP 401: Incorrect API key provided: \[redacted\]$/);
  });
});
