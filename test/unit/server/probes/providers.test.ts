import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MissingKeyError, ProviderRequestError, UnknownProviderError } from '../../../../server/src/probes/errors';
import { PROVIDERS } from '../../../../shared/probes/providers';
import { editorRemedy } from '../../../../server/src/probes/editorRemedy';
import { cliRemedy } from '../../../../cli/src/cliRemedy';
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
  stream: false,
  streamUsage: false,
  sampling: {},
};

const body = (r: { body?: string }): Record<string, unknown> => JSON.parse(r.body ?? 'null') as Record<string, unknown>;

describe('parseModelRef', () => {
  it('splits provider:model at the first colon', () => {
    assert.deepEqual(parseModelRef('openai:gpt-4o'), { provider: 'openai', model: 'gpt-4o' });
    assert.deepEqual(parseModelRef('ollama:llama3.1:8b'), { provider: 'ollama', model: 'llama3.1:8b' });
    assert.deepEqual(parseModelRef('Gemini:gemini-2.0-flash'), { provider: 'gemini', model: 'gemini-2.0-flash' });
  });
  it('resolves a bare model id of a known family to its provider; provider:model still wins', () => {
    const cases: Array<[string, string]> = [
      ['gpt-5.4-mini', 'openai'],
      ['o3', 'openai'],
      ['o4-mini', 'openai'],
      ['claude-haiku-4-5', 'anthropic'],
      ['gemini-2.5-flash', 'gemini'],
      ['grok-4-1-fast-non-reasoning', 'xai'],
      ['deepseek-chat', 'deepseek'],
      ['mistral-small-latest', 'mistral'],
      ['ministral-8b-latest', 'mistral'],
      ['codestral-latest', 'mistral'],
    ];
    for (const [id, provider] of cases) assert.deepEqual(parseModelRef(id), { provider, model: id }, id);
    assert.deepEqual(parseModelRef('ollama:gpt-oss:20b'), { provider: 'ollama', model: 'gpt-oss:20b' });
    assert.deepEqual(parseModelRef('openai:claude-lookalike'), { provider: 'openai', model: 'claude-lookalike' });
  });
  it('an id that could be two providers is a clear error naming both', () => {
    assert.throws(
      () => parseModelRef('deepseek-r1:8b'),
      (e: Error & { code?: string }) =>
        e.code === 'PROBE_AMBIGUOUS_MODEL' &&
        /could be a model of deepseek or ollama/.test(e.message) &&
        /ollama:deepseek-r1:8b/.test(e.message),
    );
  });
  it('an id of no known family asks for the provider', () => {
    assert.throws(
      () => parseModelRef('llama3.1:8b'),
      (e: Error & { code?: string }) =>
        e.code === 'PROBE_INVALID_MODEL' && /Cannot tell which provider serves "llama3.1:8b"/.test(e.message),
    );
  });
  it('rejects names without a provider or model', () => {
    for (const bad of ['my-model', ':gpt', 'openai:', 'openai: ', '']) {
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
  it('requires a key for every provider but ollama; the error names the provider, each front door says how to set it', () => {
    for (const id of PROVIDERS.keys()) {
      if (id === 'ollama') {
        assert.equal(resolveEndpoint({ provider: id, model: 'x' }, undefined, undefined).apiKey, undefined);
        continue;
      }
      assert.throws(
        () => resolveEndpoint({ provider: id, model: 'x' }, '  ', undefined),
        (e: unknown) =>
          e instanceof MissingKeyError &&
          e.code === 'PROBE_MISSING_KEY' &&
          e.provider === id &&
          !e.message.includes('Set API Key') &&
          /Set API Key/.test(editorRemedy({ code: e.code, provider: id, facts: e.facts }) ?? '') &&
          (cliRemedy({ code: e.code, provider: id, facts: e.facts }) ?? '').includes(PROVIDERS.get(id)?.envKeys[0] ?? '?'),
      );
    }
  });
  it('a key a header cannot carry is an invalid key (permanent), not a network error', () => {
    for (const bad of ['sk-abc\ndef', 'sk-abc def', 'sk-\u00e9t\u00e9', 'sk-\u0000x']) {
      assert.throws(
        () => resolveEndpoint({ provider: 'openai', model: 'g' }, bad, undefined),
        (e: Error & { code?: string }) =>
          e.code === 'PROBE_INVALID_KEY' &&
          !e.message.includes('sk-abc') &&
          /Set API Key/.test(editorRemedy({ code: e.code, provider: 'openai', facts: {} }) ?? '') &&
          cliRemedy({ code: e.code, provider: 'openai', facts: {} }) === 'Fix OPENAI_API_KEY.',
      );
    }
    assert.equal(resolveEndpoint({ provider: 'openai', model: 'g' }, '  sk-ok  ', undefined).apiKey, 'sk-ok');
  });
  it('lists the key and any base-URL password as secrets', () => {
    const endpoint = resolveEndpoint({ provider: 'ollama', model: 'm' }, 'k-ollama-123', 'http://me:p%40ss@127.0.0.1:9/v1');
    assert.deepEqual(endpoint.secrets, ['k-ollama-123', 'p@ss']);
  });
  it('uses the default base URL unless one is given, and rejects non-http URLs', () => {
    assert.equal(resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', undefined).baseUrl, 'https://api.x.ai/v1');
    assert.equal(resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', 'http://127.0.0.1:5/').baseUrl, 'http://127.0.0.1:5/');
    assert.throws(() => resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', 'file:///etc/passwd'), /PROBE_INVALID_BASE_URL|not an http/);
    assert.throws(() => resolveEndpoint({ provider: 'xai', model: 'g' }, 'k', 'not a url'), /not an http/);
  });
});

describe('joinApiUrl', () => {
  it('adds the version segment to a bare origin only', () => {
    assert.equal(joinApiUrl('http://h:1', 'v1', 'chat/completions'), 'http://h:1/v1/chat/completions');
    assert.equal(joinApiUrl('http://h:1/', 'v1', 'chat/completions'), 'http://h:1/v1/chat/completions');
    assert.equal(joinApiUrl('http://h:1/v1/', 'v1', 'chat/completions'), 'http://h:1/v1/chat/completions');
    assert.equal(joinApiUrl('https://api.deepseek.com/v1', 'v1', 'chat/completions'), 'https://api.deepseek.com/v1/chat/completions');
    assert.equal(
      joinApiUrl('http://h/proxy/v1beta', 'v1beta', 'models/x:generateContent'),
      'http://h/proxy/v1beta/models/x:generateContent',
    );
  });
  it('uses a base URL with a path as given: a proxy prefix, an OpenAI-compatible endpoint', () => {
    assert.equal(joinApiUrl('http://proxy:4000/openai', 'v1', 'chat/completions'), 'http://proxy:4000/openai/chat/completions');
    assert.equal(
      joinApiUrl('https://generativelanguage.googleapis.com/v1beta/openai/', 'v1', 'chat/completions'),
      'https://generativelanguage.googleapis.com/v1beta/openai/chat/completions',
    );
    assert.equal(joinApiUrl('http://gw/anthropic', 'v1', 'messages'), 'http://gw/anthropic/messages');
  });
  it('never puts user and password into the URL it builds', () => {
    assert.equal(joinApiUrl('http://me:secret@h:1', 'v1', 'models'), 'http://h:1/v1/models');
  });
});

describe('wire formats build requests in each provider shape', () => {
  it('OpenAI-style: system as first message, Bearer key', () => {
    const r = openaiChat.buildRequest(convo);
    assert.equal(r.url, 'http://127.0.0.1:9/v1/chat/completions');
    assert.equal(r.headers.authorization, 'Bearer KEY');
    assert.deepEqual(body(r), {
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
  it('OpenAI-style streaming asks for usage only where the dialect accepts it (not Mistral)', () => {
    assert.deepEqual(body(openaiChat.buildRequest({ ...convo, stream: true, streamUsage: true })).stream_options, { include_usage: true });
    const mistral = body(openaiChat.buildRequest({ ...convo, stream: true, streamUsage: false }));
    assert.equal(mistral.stream, true);
    assert.equal('stream_options' in mistral, false);
    assert.equal('max_completion_tokens' in mistral || 'max_tokens' in mistral, false, 'no limit field a dialect could reject');
  });
  it('Anthropic: top-level system, x-api-key and anthropic-version, max_tokens', () => {
    const r = anthropicMessages.buildRequest(convo);
    assert.equal(r.url, 'http://127.0.0.1:9/v1/messages');
    assert.equal(r.headers['x-api-key'], 'KEY');
    assert.equal(r.headers['anthropic-version'], '2023-06-01');
    const b = body(r);
    assert.equal(b.system, 'SYS');
    assert.equal(b.max_tokens, 1024);
    assert.deepEqual(b.messages, convo.messages);
  });
  it('Gemini: systemInstruction, role model, key in a header not the URL', () => {
    const r = geminiGenerateContent.buildRequest({ ...convo, model: 'models/gemini-2.0-flash' });
    assert.equal(r.url, 'http://127.0.0.1:9/v1beta/models/gemini-2.0-flash:generateContent');
    assert.ok(!r.url.includes('KEY'));
    assert.equal(r.headers['x-goog-api-key'], 'KEY');
    assert.deepEqual(body(r), {
      systemInstruction: { parts: [{ text: 'SYS' }] },
      contents: [
        { role: 'user', parts: [{ text: 'q1' }] },
        { role: 'model', parts: [{ text: 'a1' }] },
        { role: 'user', parts: [{ text: 'q2' }] },
      ],
    });
    assert.equal(
      geminiGenerateContent.buildRequest({ ...convo, stream: true }).url,
      'http://127.0.0.1:9/v1beta/models/m-1:streamGenerateContent?alt=sse',
    );
  });
});

describe('wire formats read replies and errors', () => {
  it('OpenAI-style reply', () => {
    const reply = openaiChat.parseReply({
      id: 'c1',
      model: 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_1',
      choices: [{ message: { role: 'assistant', content: 'hi' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    });
    assert.deepEqual(reply, {
      text: 'hi',
      inputTokens: 3,
      outputTokens: 1,
      modelVersion: 'gpt-4o-2024-08-06',
      systemFingerprint: 'fp_1',
      bodyId: 'c1',
      finish: 'length',
      finishReason: 'length',
    });
    const refused = openaiChat.parseReply({ choices: [{ message: { content: null, refusal: 'I cannot help.' }, finish_reason: 'stop' }] });
    assert.deepEqual([refused.text, refused.finish], ['I cannot help.', 'refused']);
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
      stop_reason: 'max_tokens',
      usage: { input_tokens: 5, output_tokens: 2 },
    });
    assert.deepEqual(reply, {
      text: 'ab',
      inputTokens: 5,
      outputTokens: 2,
      modelVersion: 'claude-x',
      bodyId: 'msg_1',
      finish: 'length',
      finishReason: 'max_tokens',
    });
    assert.deepEqual(anthropicMessages.parseError({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), {
      message: 'Overloaded',
      type: 'overloaded_error',
    });
  });
  it('Gemini reply and its RetryInfo hint', () => {
    const reply = geminiGenerateContent.parseReply({
      candidates: [{ content: { parts: [{ text: 'x' }, { text: 'y' }] }, finishReason: 'SAFETY' }],
      usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2 },
      modelVersion: 'gemini-2.0-flash-001',
      responseId: 'r1',
    });
    assert.deepEqual(reply, {
      text: 'xy',
      inputTokens: 4,
      outputTokens: 2,
      modelVersion: 'gemini-2.0-flash-001',
      bodyId: 'r1',
      finish: 'filtered',
      finishReason: 'SAFETY',
    });
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
      () => openaiChat.parseReply({ choices: 'none' }),
      (e: unknown) => e instanceof ProviderRequestError && e.kind === 'malformed' && !e.retryable && e.message.includes('choices'),
    );
    assert.throws(() => anthropicMessages.parseReply({ content: 'text' }), /content/);
  });
  it('no candidates or no choices is an empty answer, not a malformed one; a blocked prompt says why', () => {
    assert.deepEqual(geminiGenerateContent.parseReply({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }), {
      text: '',
      finish: 'blocked',
      finishReason: 'PROHIBITED_CONTENT',
      blockReason: 'PROHIBITED_CONTENT',
      modelVersion: undefined,
      bodyId: undefined,
    });
    assert.deepEqual([openaiChat.parseReply({ choices: [] }).text, openaiChat.parseReply({ choices: [] }).finish], ['', 'other']);
  });
  it('usage out of range falls back to the estimate, flagged; the reply is kept', () => {
    const reply = openaiChat.parseReply({
      choices: [{ message: { content: 'kept' } }],
      usage: { prompt_tokens: -5, completion_tokens: 2.5 },
    });
    assert.equal(reply.text, 'kept');
    assert.equal(reply.inputTokens, undefined);
    assert.equal(reply.outputTokens, undefined);
    assert.match(
      reply.usageProblem ?? '',
      /usage.prompt_tokens = -5 is not a token count; usage.completion_tokens = 2.5 is not a token count; estimated/,
    );
  });
  it('error bodies of every dialect: a message, the type over a numeric code, never raw JSON', () => {
    const cases: Array<[unknown, { message?: string; type?: string }]> = [
      [{ error: { message: 'm', type: 'insufficient_quota', code: 'insufficient_quota' } }, { message: 'm', type: 'insufficient_quota' }],
      [{ error: { message: 'Rate limited', type: 'requests', code: 429 } }, { message: 'Rate limited', type: 'requests' }],
      [{ error: { message: 'nothing typed', type: null, code: null } }, { message: 'nothing typed', type: undefined }],
      [
        { object: 'error', message: 'Unauthorized', type: 'invalid_request_error', param: null, code: '1002' },
        { message: 'Unauthorized', type: 'invalid_request_error' },
      ],
      [
        {
          object: 'error',
          message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted' }] },
          type: 'invalid_request_error',
          code: null,
        },
        { message: 'body.stream_options: Extra inputs are not permitted', type: 'invalid_request_error' },
      ],
      [
        {
          object: 'error',
          message: '{"detail":[{"loc":["body","model"],"msg":"Field required"}]}',
          type: 'internal_error_proxy',
          code: 1000,
        },
        { message: 'body.model: Field required', type: 'internal_error_proxy' },
      ],
      [
        { type: 'error', error: { type: null, message: 'Overloaded' } },
        { message: 'Overloaded', type: undefined },
      ],
      [
        { type: 'error', error: { type: 'overloaded_error', message: null } },
        { message: undefined, type: 'overloaded_error' },
      ],
      [{ error: 'model "x" not found, try pulling it first' }, { message: 'model "x" not found, try pulling it first' }],
      [{ detail: 'Not authenticated' }, { message: 'Not authenticated' }],
    ];
    for (const [input, expected] of cases) {
      const got = openaiChat.parseError(input);
      assert.deepEqual({ message: got.message, type: got.type }, { message: expected.message, type: expected.type }, JSON.stringify(input));
    }
  });
  it('error bodies of no known shape give no detail', () => {
    assert.deepEqual(openaiChat.parseError('nope'), {});
    assert.deepEqual(anthropicMessages.parseError({ unrelated: 1 }), {});
    assert.deepEqual(geminiGenerateContent.parseError(undefined), {});
  });
});
