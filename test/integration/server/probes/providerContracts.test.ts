// The providers' real contracts, each reproduced against a local fake: rate limits longer than
// Samsara waits, finish reasons, blocked prompts, empty choices, bad usage, every error dialect,
// base URLs with a path; and the hardening of the transport: no redirects, bounded bodies,
// secrets redacted before cutting, credentials in base URLs.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import type { FakeFormat } from '../../../fixtures/fakeProviders/wireShapes';
import { ONE_TURN, probeFake, THREE_TURNS } from './probeHarness';

const fakes: FakeProvider[] = [];
async function fake(format: FakeFormat, options: Parameters<typeof startFakeProvider>[1]): Promise<FakeProvider> {
  const started = await startFakeProvider(format, options);
  fakes.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** Roles of the messages a request carried (after the system prompt). */
function roles(body: unknown): string[] {
  const b = body as { messages?: Array<{ role: string; content: string }>; contents?: Array<{ role: string }> };
  return (b.messages ?? b.contents ?? []).map((m) => m.role).filter((r) => r !== 'system');
}

describe('rate limits (Retry-After)', () => {
  it('a wait longer than Samsara makes stops the turn at once: "rate limited: retry after", not an early retry', async () => {
    const f = await fake('openai', {
      steps: [{ kind: 'error', status: 429, type: 'rate_limit_exceeded', message: 'Slow down', headers: { 'retry-after': '120' } }],
    });
    const { transcript, delays } = await probeFake(f, { scenario: ONE_TURN, maxDelayMs: 30_000 });
    assert.deepEqual(delays, [], 'no retry before the provider allows');
    assert.equal(f.requests.length, 1);
    const error = transcript.turns[0].error;
    assert.equal(error?.code, 'PROBE_RATE_LIMITED');
    assert.equal(error?.retryable, false);
    assert.match(error?.message ?? '', /rate limited: retry after 2 min \(at \d{4}-\d\d-\d\dT[\d:]+Z\)\. Samsara waits at most 30 s/);
  });
  it('Retry-After: 0 waits a small floor, not a hot loop', async () => {
    const f = await fake('anthropic', {
      steps: [
        { kind: 'error', status: 429, type: 'rate_limit_error', message: 'Slow down', headers: { 'retry-after': '0' } },
        { kind: 'reply', text: 'ok' },
      ],
    });
    const { delays, transcript } = await probeFake(f, { scenario: ONE_TURN });
    assert.deepEqual(delays, [100]);
    assert.equal(transcript.run.outcome, 'completed');
  });
});

describe('finish reasons', () => {
  for (const [format, truncated] of [
    ['openai', 'length'],
    ['anthropic', 'max_tokens'],
    ['gemini', 'MAX_TOKENS'],
  ] as const) {
    it(`${format}: each turn records its finish reason; a truncated answer is marked`, async () => {
      const f = await fake(format, {
        steps: [
          { kind: 'reply', text: 'Cut sho', finish: truncated },
          { kind: 'reply', text: 'Done.' },
        ],
      });
      const { transcript } = await probeFake(f, { scenario: { ...THREE_TURNS, followUps: ['Go on.'] } });
      assert.deepEqual(
        transcript.turns.map((t) => [t.finish, t.finishReason]),
        [
          ['length', truncated],
          ['stop', { openai: 'stop', anthropic: 'end_turn', gemini: 'STOP' }[format]],
        ],
      );
      assert.equal(transcript.run.outcome, 'completed');
    });
  }
  for (const [format, filtered] of [
    ['openai', 'content_filter'],
    ['anthropic', 'refusal'],
    ['gemini', 'SAFETY'],
  ] as const) {
    it(`${format}: an empty answer (${filtered}) ends the conversation; no empty assistant message is sent as history`, async () => {
      const f = await fake(format, { steps: [{ kind: 'reply', text: '', finish: filtered }] });
      const { transcript } = await probeFake(f);
      assert.equal(f.requests.length, 1, 'the follow-ups are not sent');
      assert.equal(transcript.run.outcome, 'stopped');
      assert.equal(transcript.turns[0].finish, format === 'anthropic' ? 'refused' : 'filtered');
      assert.match(transcript.run.endedBecause ?? '', format === 'anthropic' ? /^refused: refusal/ : new RegExp(`^filtered: ${filtered}`));
      assert.deepEqual(transcript.errors, []);
    });
  }
  it('a non-empty answer is carried as history (and no other)', async () => {
    const f = await fake('gemini', {});
    await probeFake(f);
    assert.deepEqual(roles(f.requests[2].body), ['user', 'model', 'user', 'model', 'user']);
  });
});

describe('blocked prompts and empty replies are answers, not malformed', () => {
  it('Gemini: no candidates and promptFeedback.blockReason → "blocked: <reason>"', async () => {
    const f = await fake('gemini', { steps: [{ kind: 'blocked', reason: 'PROHIBITED_CONTENT' }] });
    const { transcript } = await probeFake(f);
    assert.equal(transcript.run.outcome, 'stopped');
    assert.equal(transcript.run.endedBecause, 'blocked: PROHIBITED_CONTENT');
    assert.deepEqual([transcript.turns[0].finish, transcript.turns[0].blockReason], ['blocked', 'PROHIBITED_CONTENT']);
    assert.equal(transcript.turns[0].error, undefined);
    assert.equal(transcript.turns[0].tokens.input, 9, 'the usage the provider did report is kept');
  });
  it('OpenAI-compatible: empty choices → an empty answer that stops the conversation', async () => {
    const f = await fake('openai', { steps: [{ kind: 'blocked', reason: 'filtered' }] });
    const { transcript } = await probeFake(f);
    assert.equal(transcript.run.outcome, 'stopped');
    assert.equal(transcript.turns[0].error, undefined);
    assert.match(transcript.run.endedBecause ?? '', /empty answer \(no choices in the reply\)/);
  });
});

describe('usage is information, not a precondition', () => {
  for (const format of ['openai', 'anthropic', 'gemini'] as const) {
    it(`${format}: negative counts fall back to the estimate, flagged; the reply is kept`, async () => {
      const f = await fake(format, { steps: [{ kind: 'reply', text: 'Kept answer.', usage: { input: -3, output: 5 } }] });
      const { transcript } = await probeFake(f, { scenario: ONE_TURN });
      const turn = transcript.turns[0];
      assert.equal(turn.response, 'Kept answer.');
      assert.equal(turn.error, undefined);
      assert.equal(turn.tokens.estimated, true);
      assert.equal(turn.tokens.output, 5, 'the good count is kept');
      assert.ok(turn.tokens.input > 0);
      assert.match(turn.tokens.usageProblem ?? '', /= -3 is not a token count; estimated instead/);
    });
  }
});

describe('error bodies of every dialect', () => {
  const cases: Array<{ name: string; format: FakeFormat; status: number; body: unknown; expect: RegExp }> = [
    {
      name: 'Mistral {object:"error", message:{detail:[…]}}',
      format: 'openai',
      status: 422,
      body: {
        object: 'error',
        message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted' }] },
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
      expect: /HTTP 422 \(invalid_request_error\): body\.stream_options: Extra inputs are not permitted$/,
    },
    {
      name: 'OpenAI with a null type and a numeric code',
      format: 'openai',
      status: 400,
      body: { error: { message: 'Bad things', type: null, param: null, code: 400 } },
      expect: /HTTP 400: Bad things$/,
    },
    {
      name: 'Anthropic with a null type',
      format: 'anthropic',
      status: 400,
      body: { type: 'error', error: { type: null, message: 'prompt is too long' } },
      expect: /HTTP 400: prompt is too long$/,
    },
    {
      name: 'an error as a bare string (Ollama)',
      format: 'openai',
      status: 404,
      body: { error: 'model "nope" not found, try pulling it first' },
      expect: /HTTP 404: model "nope" not found, try pulling it first$/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the message, never the raw JSON`, async () => {
      const f = await fake(c.format, { steps: [{ kind: 'raw', status: c.status, body: JSON.stringify(c.body) }] });
      const { transcript } = await probeFake(f, { scenario: ONE_TURN });
      const message = transcript.turns[0].error?.message ?? '';
      assert.match(message, c.expect);
      assert.ok(!message.includes('{'), message);
    });
  }
});

describe('base URLs with a path are used as given', () => {
  it('a proxy prefix (/openai) and an OpenAI-compatible endpoint (/v1beta/openai)', async () => {
    const f = await fake('openai', {});
    await probeFake(f, { scenario: ONE_TURN, baseUrl: `${f.baseUrl}/openai` });
    await probeFake(f, { scenario: ONE_TURN, baseUrl: `${f.baseUrl}/v1beta/openai/`, model: 'openai:gemini-2.5-flash' });
    await probeFake(f, { scenario: ONE_TURN, baseUrl: f.baseUrl });
    assert.deepEqual(
      f.requests.map((r) => r.path),
      ['/openai/chat/completions', '/v1beta/openai/chat/completions', '/v1/chat/completions'],
    );
  });
});

describe('transport hardening', () => {
  it('a redirect is not followed: the key and the text never reach the other host', async () => {
    const target = await fake('anthropic', {});
    const f = await fake('anthropic', { steps: [{ kind: 'redirect', status: 307, location: `${target.baseUrl}/v1/messages?token=abc` }] });
    const { transcript } = await probeFake(f, { apiKey: 'sk-ant-7f3k9q2w-0123456789' });
    assert.equal(target.requests.length, 0, 'nothing reached the redirect target');
    assert.equal(f.requests.length, 1, 'not retried');
    const error = transcript.turns[0].error;
    assert.equal(error?.code, 'PROBE_REDIRECT');
    assert.equal(error?.retryable, false);
    assert.ok(error?.message.includes(`a redirect to ${target.baseUrl}/v1/messages.`), error?.message);
    assert.ok(!error?.message.includes('token=abc'));
  });
  it('an answer over the size limit fails permanently, once, declared or not (even a valid one)', async () => {
    for (const declare of [false, true]) {
      const f = await fake('openai', { steps: [{ kind: 'huge', bytes: 3 * 1024 * 1024, declare, asReply: true }] });
      const { transcript } = await probeFake(f, { scenario: ONE_TURN, maxResponseBytes: 1024 * 1024 });
      assert.equal(f.requests.length, 1, 'not downloaded again');
      assert.equal(transcript.turns[0].error?.code, 'PROBE_RESPONSE_TOO_LARGE');
      assert.equal(transcript.turns[0].error?.retryable, false);
      assert.match(transcript.turns[0].error?.message ?? '', /larger than 1048576 bytes/);
    }
  });
  it('a key echoed near the 500-character cut leaves no prefix in the transcript or the log', async () => {
    const key = 'sk-NEAR-THE-CUT-abcdefghijklmnop';
    const f = await fake('openai', {
      steps: [{ kind: 'error', status: 400, type: 'invalid_request_error', message: `${'x'.repeat(475)} key=${key}` }],
    });
    const { transcript, logs } = await probeFake(f, { apiKey: key, scenario: ONE_TURN });
    const all = JSON.stringify(transcript) + logs.join('\n');
    for (let i = 0; i + 8 <= key.length; i++) assert.ok(!all.includes(key.slice(i, i + 8)), `slice ${i} of the key survived`);
  });
  it('user and password in a base URL become Basic authorization, and are printed nowhere', async () => {
    const f = await fake('anthropic', {
      steps: [
        { kind: 'reply', text: 'ok' },
        { kind: 'error', status: 500, type: 'api_error', message: 'boom' },
      ],
    });
    const base = f.baseUrl.replace('http://', 'http://proxyuser:pr0xy-PASSWORD-42@');
    const { transcript, logs } = await probeFake(f, { baseUrl: base, maxRetries: 0 });
    assert.equal(f.requests[0].headers.authorization, `Basic ${Buffer.from('proxyuser:pr0xy-PASSWORD-42').toString('base64')}`);
    assert.equal(f.requests[0].headers['x-api-key'], 'test-key-1234', 'the provider key still travels in its own header');
    const all = JSON.stringify(transcript) + logs.join('\n');
    assert.ok(!all.includes('pr0xy-PASSWORD-42') && !all.includes('proxyuser:'), all.slice(0, 300));
    assert.equal(transcript.parameters?.baseUrl, f.baseUrl, 'the transcript records the URL without its userinfo');
  });
});
