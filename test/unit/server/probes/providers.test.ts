import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MissingKeyError, ProviderRequestError, UnknownProviderError } from '../../../../server/src/probes/errors';
import { PROVIDERS } from '../../../../shared/probes/providers';
import { parseModelRef, resolveEndpoint } from '../../../../server/src/probes/providers';
import { anthropicMessages } from '../../../../server/src/probes/wire/anthropicMessages';
import { geminiGenerateContent } from '../../../../server/src/probes/wire/geminiGenerateContent';
import { openaiChat } from '../../../../server/src/probes/wire/openaiChat';
import { joinApiUrl, type WireRequestInput } from '../../../../server/src/probes/wire/wireFormat';

const convo: WireRequestInput = {
  baseUrl: 'http://127.0.0.1:9',
  model: 'm-1',
  apiKey: 'KEY',
  system: 'SYS',
  messages: [
    { role: 'user', content: 'q1' },
    { role: 'assistant', content: 'a1' },
    { role: 'user', content: 'q2' },
  ],
};

describe('parseModelRef', () => {
  it('splits provider:model at the first colon', () => {
    assert.deepEqual(parseModelRef('openai:gpt-4o'), { provider: 'openai', model: 'gpt-4o' });
    assert.deepEqual(parseModelRef('ollama:llama3.1:8b'), { provider: 'ollama', model: 'llama3.1:8b' });
    assert.deepEqual(parseModelRef('Gemini:gemini-2.0-flash'), { provider: 'gemini', model: 'gemini-2.0-flash' });
  });
  it('rejects names without a provider or model', () => {
    for (const bad of ['gpt-4o', ':gpt', 'openai:', 'openai: ']) {
      assert.throws(
        () => parseModelRef(bad),
        (e: Error & { code?: string }) => e.code === 'PROBE_INVALID_MODEL',
        bad,
      );
    }
  });
  it('rejects an unknown provider with the known ones in the message', () => {
    assert.throws(
      () => parseModelRef('acme:big'),
      (e: unknown) =>
        e instanceof UnknownProviderError &&
        e.code === 'PROBE_UNKNOWN_PROVIDER' &&
        /openai, anthropic, gemini, xai, deepseek, mistral, ollama/.test(e.message),
    );
  });
});

describe('resolveEndpoint', () => {
  it('requires a key for every provider but ollama, and says how to set it', () => {
    for (const id of PROVIDERS.keys()) {
      if (id === 'ollama') {
        assert.equal(resolveEndpoint({ provider: id, model: 'x' }, undefined, undefined).apiKey, undefined);
        continue;
      }
      assert.throws(
        () => resolveEndpoint({ provider: id, model: 'x' }, '  ', undefined),
        (e: unknown) =>
          e instanceof MissingKeyError && e.code === 'PROBE_MISSING_KEY' && e.provider === id && e.message.includes('Set API Key'),
      );
    }
  });
  it('uses the default base URL unless one is given, and rejects non-http URLs', () => {
    assert.equal(resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', undefined).baseUrl, 'https://api.x.ai/v1');
    assert.equal(resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', 'http://127.0.0.1:5/').baseUrl, 'http://127.0.0.1:5/');
    assert.throws(() => resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', 'file:///etc/passwd'), /PROBE_INVALID_BASE_URL|not an http/);
    assert.throws(() => resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', 'not a url'), /not an http/);
  });
});

describe('joinApiUrl', () => {
  it('adds the version segment unless the base already ends in one', () => {
    assert.equal(joinApiUrl('http://h:1', 'v1', 'chat/completions'), 'http://h:1/v1/chat/completions');
    assert.equal(joinApiUrl('http://h:1/v1/', 'v1', 'chat/completions'), 'http://h:1/v1/chat/completions');
    assert.equal(joinApiUrl('https://api.deepseek.com/v1', 'v1', 'chat/completions'), 'https://api.deepseek.com/v1/chat/completions');
    assert.equal(
      joinApiUrl('http://h/proxy/v1beta', 'v1beta', 'models/x:generateContent'),
      'http://h/proxy/v1beta/models/x:generateContent',
    );
  });
});

describe('wire formats build requests in each provider shape', () => {
  it('OpenAI-style: system as first message, Bearer key', () => {
    const r = openaiChat.buildRequest(convo);
    assert.equal(r.url, 'http://127.0.0.1:9/v1/chat/completions');
    assert.equal(r.headers.authorization, 'Bearer KEY');
    assert.deepEqual(JSON.parse(r.body), {
      model: 'm-1',
      stream: false,
      messages: [
        { role: 'system', content: 'SYS' },
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1' },
        { role: 'user', content: 'q2' },
      ],
    });
    assert.equal(openaiChat.buildRequest({ ...convo, apiKey: undefined }).headers.authorization, undefined);
  });
  it('Anthropic: top-level system, x-api-key and anthropic-version, max_tokens', () => {
    const r = anthropicMessages.buildRequest(convo);
    assert.equal(r.url, 'http://127.0.0.1:9/v1/messages');
    assert.equal(r.headers['x-api-key'], 'KEY');
    assert.equal(r.headers['anthropic-version'], '2023-06-01');
    const body = JSON.parse(r.body);
    assert.equal(body.system, 'SYS');
    assert.equal(typeof body.max_tokens, 'number');
    assert.deepEqual(body.messages, convo.messages);
  });
  it('Gemini: systemInstruction, role model, key in a header not the URL', () => {
    const r = geminiGenerateContent.buildRequest({ ...convo, model: 'models/gemini-2.0-flash' });
    assert.equal(r.url, 'http://127.0.0.1:9/v1beta/models/gemini-2.0-flash:generateContent');
    assert.ok(!r.url.includes('KEY'));
    assert.equal(r.headers['x-goog-api-key'], 'KEY');
    assert.deepEqual(JSON.parse(r.body), {
      systemInstruction: { parts: [{ text: 'SYS' }] },
      contents: [
        { role: 'user', parts: [{ text: 'q1' }] },
        { role: 'model', parts: [{ text: 'a1' }] },
        { role: 'user', parts: [{ text: 'q2' }] },
      ],
    });
  });
});

describe('wire formats read replies and errors', () => {
  it('OpenAI-style reply', () => {
    const reply = openaiChat.parseReply({
      id: 'c1',
      model: 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_1',
      choices: [{ message: { role: 'assistant', content: 'hi' } }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    });
    assert.deepEqual(reply, {
      text: 'hi',
      inputTokens: 3,
      outputTokens: 1,
      modelVersion: 'gpt-4o-2024-08-06',
      systemFingerprint: 'fp_1',
      bodyId: 'c1',
    });
    assert.deepEqual(openaiChat.parseError({ error: { message: 'm', type: 'insufficient_quota', code: 'insufficient_quota' } }), {
      message: 'm',
      type: 'insufficient_quota',
    });
  });
  it('Anthropic reply joins text blocks', () => {
    const reply = anthropicMessages.parseReply({
      id: 'msg_1',
      model: 'claude-x',
      content: [{ type: 'text', text: 'a' }, { type: 'tool_use' }, { type: 'text', text: 'b' }],
      usage: { input_tokens: 5, output_tokens: 2 },
    });
    assert.deepEqual(reply, { text: 'ab', inputTokens: 5, outputTokens: 2, modelVersion: 'claude-x', bodyId: 'msg_1' });
    assert.deepEqual(anthropicMessages.parseError({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), {
      message: 'Overloaded',
      type: 'overloaded_error',
    });
  });
  it('Gemini reply and its RetryInfo hint', () => {
    const reply = geminiGenerateContent.parseReply({
      candidates: [{ content: { parts: [{ text: 'x' }, { text: 'y' }] } }],
      usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2 },
      modelVersion: 'gemini-2.0-flash-001',
      responseId: 'r1',
    });
    assert.deepEqual(reply, { text: 'xy', inputTokens: 4, outputTokens: 2, modelVersion: 'gemini-2.0-flash-001', bodyId: 'r1' });
    const detail = geminiGenerateContent.parseError({
      error: {
        code: 429,
        message: 'quota',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' }],
      },
    });
    assert.deepEqual(detail, { message: 'quota', type: 'RESOURCE_EXHAUSTED', retryAfterMs: 12_000 });
  });
  it('a reply of the wrong shape is a non-retryable malformed error naming the field', () => {
    assert.throws(
      () => openaiChat.parseReply({ choices: [] }),
      (e: unknown) => e instanceof ProviderRequestError && e.kind === 'malformed' && !e.retryable && e.message.includes('choices'),
    );
    assert.throws(() => anthropicMessages.parseReply({ content: 'text' }), /content/);
    assert.throws(() => geminiGenerateContent.parseReply({}), /candidates/);
  });
  it('error bodies of another shape give no detail', () => {
    assert.deepEqual(openaiChat.parseError('nope'), {});
    assert.deepEqual(anthropicMessages.parseError({ message: 'x' }), {});
    assert.deepEqual(geminiGenerateContent.parseError(undefined), {});
  });
});
