// Probes against local fake providers speaking each wire format, transcripts checked field by field.
import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { Semaphore } from '../../../../server/src/probes/semaphore';
import { transcriptSchema } from '../../../../shared/probes/transcript';
import { SAMSARA_VERSION } from '../../../../shared/version';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { waitFor } from '../../../helpers/waitFor';
import { expectedPath, FAKE_FINGERPRINT, FAKE_MODEL_VERSION, type FakeFormat } from '../../../fixtures/fakeProviders/wireShapes';
import { MODEL_FOR, ONE_TURN, probeFake, THREE_TURNS } from './probeHarness';

const FORMATS: FakeFormat[] = ['openai', 'anthropic', 'gemini'];
const SELECTION = 'Ada Lovelace met Charles Babbage in London.';
let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The conversation a request carried, normalised across the three formats. */
function conversationOf(format: FakeFormat, body: unknown): { system: string; messages: Array<[string, string]> } {
  const b = body as Record<string, unknown>;
  if (format === 'openai') {
    const messages = b.messages as Array<{ role: string; content: string }>;
    assert.equal(messages[0].role, 'system', 'system prompt is the first message');
    return { system: messages[0].content, messages: messages.slice(1).map((m) => [m.role, m.content]) };
  }
  if (format === 'anthropic') {
    const messages = b.messages as Array<{ role: string; content: string }>;
    return { system: b.system as string, messages: messages.map((m) => [m.role, m.content]) };
  }
  const contents = b.contents as Array<{ role: string; parts: Array<{ text: string }> }>;
  const system = (b.systemInstruction as { parts: Array<{ text: string }> }).parts[0].text;
  return { system, messages: contents.map((c) => [c.role === 'model' ? 'assistant' : c.role, c.parts[0].text]) };
}

const REQUEST_ID: Record<FakeFormat, (n: number) => string> = {
  openai: (n) => `req_openai_${n}`,
  anthropic: (n) => `req_anthropic_${n}`,
  gemini: (n) => `resp-gemini-${n}`, // no header: the body's responseId stands in
};

for (const format of FORMATS) {
  describe(`${format} wire format`, () => {
    it('multi-turn: each request carries the whole conversation, transcript field by field', async () => {
      fake = await startFakeProvider(format, {
        steps: [
          { kind: 'reply', text: 'First answer.' },
          { kind: 'reply', text: 'Because.' },
          { kind: 'reply', text: SELECTION },
        ],
      });
      const { transcript, delays } = await probeFake(fake, { apiKey: 'k-multi' });
      assert.deepEqual(delays, []);
      transcriptSchema.parse(transcript);

      assert.equal(fake.requests.length, 3);
      const prompts = [`Summarise: ${SELECTION}`, 'Why?', `Quote "${SELECTION}" back.`];
      const answers = ['First answer.', 'Because.'];
      fake.requests.forEach((request, i) => {
        assert.equal(request.method, 'POST');
        assert.equal(request.path, expectedPath(format, 'gemini-2.0-flash').replace('gemini-2.0-flash', MODEL_FOR[format].split(':')[1]));
        const { system, messages } = conversationOf(format, request.body);
        assert.equal(system, 'You are terse.');
        const expected: Array<[string, string]> = [];
        for (let t = 0; t <= i; t++) {
          expected.push(['user', prompts[t]]);
          if (t < i) expected.push(['assistant', answers[t]]);
        }
        assert.deepEqual(messages, expected, `request ${i + 1}`);
      });
      const auth = fake.requests[0].headers;
      if (format === 'openai') assert.equal(auth.authorization, 'Bearer k-multi');
      if (format === 'anthropic') assert.deepEqual([auth['x-api-key'], auth['anthropic-version']], ['k-multi', '2023-06-01']);
      if (format === 'gemini') assert.equal(auth['x-goog-api-key'], 'k-multi');

      assert.equal(transcript.schemaVersion, 3);
      assert.equal(transcript.run.outcome, 'completed');
      assert.equal(transcript.run.samsaraVersion, SAMSARA_VERSION);
      assert.match(transcript.run.id, /^[0-9a-f-]{36}$/);
      assert.equal(transcript.provider, format);
      assert.equal(transcript.modelRequested, MODEL_FOR[format]);
      assert.equal(transcript.modelVersion, FAKE_MODEL_VERSION[format]);
      assert.equal(transcript.selection, SELECTION);
      assert.deepEqual(transcript.scenario, THREE_TURNS);
      assert.equal(transcript.turns.length, 3);
      transcript.turns.forEach((turn, i) => {
        const n = i + 1;
        assert.equal(turn.index, i);
        assert.equal(turn.role, i === 0 ? 'prompt' : 'followUp');
        assert.equal(turn.prompt, prompts[i]);
        assert.equal(turn.response, ['First answer.', 'Because.', SELECTION][i]);
        assert.deepEqual(turn.tokens, { input: 11 * n, output: 7 * n, estimated: false });
        assert.equal(turn.modelVersion, FAKE_MODEL_VERSION[format]);
        assert.equal(turn.systemFingerprint, format === 'openai' ? FAKE_FINGERPRINT : undefined);
        assert.equal(turn.requestId, REQUEST_ID[format](n));
        assert.equal(turn.retries, 0);
        assert.equal(turn.error, undefined);
        assert.ok(Date.parse(turn.endedAt) >= Date.parse(turn.startedAt));
        assert.equal(turn.durationMs, Date.parse(turn.endedAt) - Date.parse(turn.startedAt));
        if (i > 0) assert.ok(Date.parse(turn.startedAt) >= Date.parse(transcript.turns[i - 1].endedAt));
      });
      assert.deepEqual(transcript.totals, {
        inputTokens: 66,
        outputTokens: 42,
        estimated: false,
        durationMs: transcript.run.durationMs,
        retries: 0,
        turns: 3,
      });
      assert.deepEqual(transcript.errors, []);
    });

    it('estimates tokens, flagged, only when the provider reports none', async () => {
      fake = await startFakeProvider(format, { steps: [{ kind: 'reply', text: '12345678', usage: null }] });
      const { transcript } = await probeFake(fake, { scenario: ONE_TURN });
      const sent = 'You are terse.' + `Summarise: ${SELECTION}`;
      assert.deepEqual(transcript.turns[0].tokens, { input: Math.ceil(sent.length / 4), output: 2, estimated: true });
      assert.equal(transcript.totals.estimated, true);
    });

    it('429 with retry-after, then success: waits as told, counts the retry', async () => {
      const rateType = { openai: 'rate_limit_exceeded', anthropic: 'rate_limit_error', gemini: 'RESOURCE_EXHAUSTED' }[format];
      fake = await startFakeProvider(format, {
        steps: [
          { kind: 'error', status: 429, type: rateType, message: 'Slow down', headers: { 'retry-after': '2' } },
          { kind: 'reply', text: 'ok' },
        ],
      });
      const { transcript, delays, logs } = await probeFake(fake, { scenario: ONE_TURN });
      assert.deepEqual(delays, [2000]);
      assert.equal(fake.requests.length, 2);
      assert.equal(transcript.run.outcome, 'completed');
      assert.equal(transcript.turns[0].retries, 1);
      assert.equal(transcript.totals.retries, 1);
      assert.equal(transcript.turns[0].requestId, REQUEST_ID[format](2));
      assert.ok(
        logs.some((l) => l.includes('HTTP 429') && l.includes('Retry 1 in 2000 ms')),
        logs.join('\n'),
      );
    });

    it('500 then success: retried with jittered backoff', async () => {
      const type = { openai: 'server_error', anthropic: 'api_error', gemini: 'INTERNAL' }[format];
      fake = await startFakeProvider(format, {
        steps: [
          { kind: 'error', status: 500, type, message: 'boom' },
          { kind: 'error', status: 503, type, message: 'boom' },
          { kind: 'reply', text: 'ok' },
        ],
      });
      const { transcript, delays } = await probeFake(fake, { scenario: ONE_TURN });
      assert.deepEqual(delays, [50, 100], 'random 0.5 × 100 ms × 2^attempt');
      assert.equal(transcript.turns[0].retries, 2);
      assert.equal(transcript.turns[0].response, 'ok');
    });

    it('401 is permanent, and its message never carries the key', async () => {
      const key = `KEY-401-${format}-zyxwvutsrq`;
      const type = { openai: 'invalid_api_key', anthropic: 'authentication_error', gemini: 'UNAUTHENTICATED' }[format];
      fake = await startFakeProvider(format, {
        steps: [{ kind: 'error', status: 401, type, message: `Incorrect API key provided: ${key}.` }],
      });
      const { transcript, delays, logs } = await probeFake(fake, { apiKey: key });
      assert.deepEqual(delays, []);
      assert.equal(fake.requests.length, 1, 'not retried, no follow-ups');
      assert.equal(transcript.run.outcome, 'failed');
      assert.equal(transcript.turns.length, 1);
      const error = transcript.turns[0].error;
      assert.equal(error?.code, 'PROBE_HTTP_ERROR');
      assert.equal(error?.status, 401);
      assert.equal(error?.retryable, false);
      assert.match(error?.message ?? '', /HTTP 401 .*Incorrect API key provided: \[redacted\]\. Check the .* API key/);
      assert.deepEqual(transcript.errors, [{ ...error, turn: 0 }]);
      assert.equal(transcript.totals.turns, 0);
      for (const text of [JSON.stringify(transcript), logs.join('\n')]) assert.ok(!text.includes(key) && !text.includes('zyxwvutsrq'));
    });
  });
}

describe('failure modes', () => {
  it('a 429 saying the quota is exhausted is not retried', async () => {
    fake = await startFakeProvider('openai', {
      steps: [
        {
          kind: 'error',
          status: 429,
          type: 'insufficient_quota',
          message: 'You exceeded your current quota, please check your plan and billing details.',
          headers: { 'retry-after': '1' },
        },
      ],
    });
    const { transcript, delays } = await probeFake(fake);
    assert.deepEqual(delays, []);
    assert.equal(fake.requests.length, 1);
    assert.equal(transcript.turns[0].retries, 0);
    assert.equal(transcript.turns[0].error?.status, 429);
    assert.equal(transcript.turns[0].error?.retryable, false);
    assert.match(transcript.turns[0].error?.message ?? '', /insufficient_quota.*quota or credit of this account is exhausted/);
  });

  it('honours retry-after-ms, rate-limit reset headers and Gemini RetryInfo', async () => {
    fake = await startFakeProvider('openai', {
      steps: [
        { kind: 'error', status: 429, type: 'rate_limit_exceeded', message: 'Rate limit reached', headers: { 'retry-after-ms': '140' } },
        { kind: 'reply', text: 'ok' },
      ],
    });
    assert.deepEqual((await probeFake(fake, { scenario: ONE_TURN })).delays, [140]);
    await fake.close();

    const reset = new Date(Date.now() + 3000).toISOString();
    fake = await startFakeProvider('anthropic', {
      steps: [
        {
          kind: 'error',
          status: 429,
          type: 'rate_limit_error',
          message: 'Too many requests',
          headers: { 'anthropic-ratelimit-requests-reset': reset, 'anthropic-ratelimit-requests-remaining': '0' },
        },
        { kind: 'reply', text: 'ok' },
      ],
    });
    const [delay] = (await probeFake(fake, { scenario: ONE_TURN })).delays;
    assert.ok(delay > 1000 && delay <= 3000, `delay ${delay} follows the reset time`);
    await fake.close();

    fake = await startFakeProvider('gemini', {
      respond: (r) =>
        r.n === 1
          ? {
              kind: 'raw',
              status: 429,
              body: JSON.stringify({
                error: {
                  code: 429,
                  message: 'You exceeded your current quota.',
                  status: 'RESOURCE_EXHAUSTED',
                  details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
                },
              }),
            }
          : { kind: 'reply', text: 'ok' },
    });
    const gemini = await probeFake(fake, { scenario: ONE_TURN });
    assert.deepEqual(gemini.delays, [7000], 'a per-minute quota with RetryInfo is retried after its delay');
    assert.equal(gemini.transcript.turns[0].retries, 1);
  });

  it('gives up after maxRetries and records every retry', async () => {
    fake = await startFakeProvider('anthropic', {
      respond: () => ({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' }),
    });
    const { transcript, delays } = await probeFake(fake, { maxRetries: 2 });
    assert.equal(fake.requests.length, 3);
    assert.equal(delays.length, 2);
    assert.equal(transcript.turns[0].retries, 2);
    assert.equal(transcript.totals.retries, 2);
    assert.equal(transcript.turns[0].error?.status, 529);
    assert.equal(transcript.turns[0].error?.retryable, true);
  });

  it('a slow answer times out (retryable), and the provider sees the request abandoned', async () => {
    fake = await startFakeProvider('openai', { steps: [{ kind: 'hang' }, { kind: 'hang' }] });
    const { transcript, delays } = await probeFake(fake, { timeoutMs: 150, maxRetries: 1 });
    assert.equal(fake.requests.length, 2);
    assert.equal(delays.length, 1);
    const error = transcript.turns[0].error;
    assert.equal(error?.code, 'PROBE_TIMEOUT');
    assert.equal(error?.retryable, true);
    assert.match(error?.message ?? '', /did not answer within 150 ms/);
    await waitFor(() => fake!.requests.every((r) => r.abandoned), { message: 'sockets closed' });
  });

  it('malformed JSON is a permanent error', async () => {
    fake = await startFakeProvider('gemini', { steps: [{ kind: 'raw', status: 200, body: '{"candidates": [' }] });
    const { transcript } = await probeFake(fake);
    assert.equal(fake.requests.length, 1);
    assert.equal(transcript.turns[0].error?.code, 'PROBE_MALFORMED_RESPONSE');
    assert.equal(transcript.turns[0].error?.retryable, false);
  });

  it('JSON of the wrong shape names the field', async () => {
    fake = await startFakeProvider('anthropic', { steps: [{ kind: 'raw', status: 200, body: '{"id":"msg_1","content":"not a list"}' }] });
    const { transcript } = await probeFake(fake);
    assert.match(transcript.turns[0].error?.message ?? '', /Anthropic: Malformed Anthropic message: content: /);
  });

  it('a refused connection is a retryable network error', async () => {
    fake = await startFakeProvider('openai');
    const closedUrl = fake.baseUrl;
    await fake.close();
    fake = undefined;
    const { transcript, delays } = await probeFake(
      { format: 'openai', baseUrl: closedUrl, requests: [], maxInFlight: 0, close: async () => {} },
      { maxRetries: 1 },
    );
    assert.equal(delays.length, 1);
    assert.equal(transcript.turns[0].error?.code, 'PROBE_NETWORK_ERROR');
    assert.match(transcript.turns[0].error?.message ?? '', /ECONNREFUSED/);
  });

  it('cancellation mid-request aborts the HTTP request and ends the transcript as cancelled', async () => {
    fake = await startFakeProvider('anthropic', { steps: [{ kind: 'reply', text: 'one' }, { kind: 'hang' }] });
    const abort = new AbortController();
    const running = probeFake(fake, { signal: abort.signal });
    await waitFor(() => fake!.requests.length === 2, { message: 'second request' });
    abort.abort();
    const { transcript } = await running;
    assert.equal(transcript.run.outcome, 'cancelled');
    assert.equal(transcript.run.endedBecause, 'cancelled during turn 2');
    assert.deepEqual(
      transcript.turns.map((t) => [t.response, t.finish]),
      [
        ['one', 'stop'],
        ['', 'cancelled'],
      ],
    );
    assert.equal(transcript.totals.turns, 1);
    await waitFor(() => fake!.requests[1].abandoned, { message: 'provider to see the socket closed' });
    assert.equal(fake.requests[0].abandoned, false);
  });

  it('the per-provider limit caps requests in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake = await startFakeProvider('openai', { respond: () => ({ kind: 'wait', until: gate, then: { kind: 'reply', text: 'ok' } }) });
    const semaphore = new Semaphore(2);
    const runs = Array.from({ length: 4 }, () => probeFake(fake!, { scenario: ONE_TURN, semaphore }));
    await waitFor(() => fake!.requests.length === 2, { message: 'two requests in flight' });
    release();
    const results = await Promise.all(runs);
    assert.equal(fake.requests.length, 4);
    assert.equal(fake.maxInFlight, 2);
    assert.ok(results.every((r) => r.transcript.run.outcome === 'completed'));
  });
});

after(async () => {
  await fake?.close();
});
