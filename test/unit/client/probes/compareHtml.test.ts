import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareCsp, compareHtml, escapeHtml } from '../../../../client/src/probes/compareHtml';
import { TRANSCRIPT_SCHEMA_VERSION, type Transcript, type Turn } from '../../../../shared/probes/transcript';

function turn(index: number, response: string, extra: Partial<Turn> = {}): Turn {
  return {
    index,
    role: index === 0 ? 'prompt' : 'followUp',
    prompt: index === 0 ? 'Summarise: Ada met Babbage in London.' : 'Who else?',
    response,
    tokens: { input: 10 + index, output: 5, estimated: false },
    startedAt: '2025-03-04T05:06:07.890Z',
    endedAt: '2025-03-04T05:06:08.000Z',
    durationMs: 110 + index,
    retries: index,
    finish: 'stop',
    finishReason: 'stop',
    ...extra,
  };
}

function transcript(model: string, turns: Turn[]): Transcript {
  return {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    run: {
      id: model,
      startedAt: '2025-03-04T05:06:07.890Z',
      endedAt: '2025-03-04T05:06:09.000Z',
      durationMs: 1110,
      samsaraVersion: '0.1.0',
      outcome: 'completed',
      group: 'g',
    },
    scenario: {
      id: 'who',
      title: 'Who is mentioned?',
      preamble: '',
      prompt: '{{selection}}',
      followUps: [{ label: 'More <people>', prompt: 'Who else?' }],
    },
    provider: model.split(':')[0],
    modelRequested: model,
    selection: 'Ada met Babbage in London.',
    turns,
    totals: { inputTokens: 21, outputTokens: 10, estimated: false, durationMs: 1110, retries: 1, turns: turns.length },
    errors: [],
    pseudonymization: { labels: ['PERSON'], mapping: [{ placeholder: '[PERSON_1]', text: 'Ada', label: 'PERSON' }] },
  };
}

const fidelity = {
  source: [
    { text: 'Ada', label: 'PERSON' },
    { text: 'Babbage', label: 'PERSON' },
  ],
  reply: [{ text: 'Newton', label: 'PERSON' }],
  mentioned: [{ text: 'Ada', label: 'PERSON' }],
  missing: [{ text: 'Babbage', label: 'PERSON' }],
  unsupported: [{ text: 'Newton', label: 'PERSON' }],
};

describe('compare view page', () => {
  const a = transcript('openai:gpt-a', [turn(0, 'Ada and <b>Newton</b>.', { entities: fidelity }), turn(1, 'None.')]);
  const b = transcript('anthropic:claude-b', [
    turn(0, '', { error: { code: 'PROBE_HTTP_ERROR', message: 'HTTP 500', retryable: true }, finish: undefined }),
  ]);
  const html = compareHtml([a, b], 'abc123');

  it('is strict: no script, nothing remote, only its nonced style', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123';/);
    assert.ok(compareCsp('n').includes("script-src 'none'"));
    assert.doesNotMatch(html, /<script|<link|<img|https?:\/\//i);
    assert.match(html, /<style nonce="abc123">/);
  });
  it('uses the theme colours, never fixed ones for text or background', () => {
    assert.match(html, /color: var\(--vscode-editor-foreground\); background: var\(--vscode-editor-background\)/);
    assert.doesNotMatch(html, /(?:^|[;{ ])(?:color|background): #/m);
  });
  it('has one side-by-side table per turn: reply, tokens, latency, finish, retries and the fidelity columns, a column per model', () => {
    assert.equal((html.match(/<table class="turn"/g) ?? []).length, 2);
    const first = html.slice(html.indexOf('data-turn="1"'), html.indexOf('data-turn="2"'));
    assert.deepEqual(
      [...first.matchAll(/<tr data-row="([^"]+)">/g)].map((m) => m[1]),
      ['Reply', 'Tokens', 'Latency', 'Finish', 'Retries', 'Mentioned', 'Missing', 'Not in the source'],
    );
    assert.deepEqual(
      [...first.matchAll(/<th data-model="([^"]+)"/g)].map((m) => m[1]),
      ['openai:gpt-a', 'anthropic:claude-b'],
    );
    assert.match(first, /Ada and &#60;b&#62;Newton&#60;\/b&#62;\./, 'replies are escaped');
    assert.match(
      first,
      /<td class="missing"><span class="entity" title="People \(PERSON\)">Babbage <small>People \(PERSON\)<\/small><\/span><\/td>/,
    );
    assert.match(first, /<td class="unsupported"><span class="entity" title="People \(PERSON\)">Newton/);
    assert.match(first, /error: PROBE_HTTP_ERROR/);
    assert.match(first, /<td class="num">110 ms<\/td>/, 'numbers never wrap');
    const second = html.slice(html.indexOf('data-turn="2"'));
    assert.match(html, /<h2>Turn 2 — More &#60;people&#62;<\/h2>/, 'the follow-up label, escaped');
    assert.match(second, /Not reached\./, 'a model that stopped early');
  });
  it('says when names were pseudonymised, and that fidelity is a heuristic', () => {
    assert.match(html, /Pseudonymised<\/span> PERSON: <code>\[PERSON_1\]<\/code> = Ada/);
    assert.match(html, /heuristic, not a verdict/);
  });
  it('lists every chosen model in the summary: a failed run with its reason, a refused model too', () => {
    const failed = transcript('openai:gpt-f', [
      turn(0, '', { error: { code: 'PROBE_HTTP_ERROR', message: 'OpenAI returned HTTP 401: bad key', status: 401, retryable: false } }),
    ]);
    failed.run.outcome = 'failed';
    failed.errors = [{ code: 'PROBE_HTTP_ERROR', message: 'OpenAI returned HTTP 401: bad key', status: 401, retryable: false, turn: 0 }];
    const page = compareHtml([a, failed], 'n', [{ model: 'anthropic:claude-x', reason: 'No API key for Anthropic.' }]);
    assert.match(page, /<h1>Who is mentioned\? — 3 models<\/h1>/, 'the title counts every chosen model');
    const rows = [...page.matchAll(/<tr data-model="([^"]+)"[^>]*>(.*?)<\/tr>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      rows.map(([model]) => model),
      ['openai:gpt-a', 'openai:gpt-f', 'anthropic:claude-x'],
    );
    assert.match(rows[1][1], /failed<\/span> <span class="muted">\(OpenAI returned HTTP 401: bad key\)/);
    assert.match(rows[2][1], /Anthropic claude-x/, 'by its display name');
    assert.match(rows[2][1], /failed<\/span> <span class="muted">\(No API key for Anthropic\.\)/);
    const none = compareHtml([], 'n', [{ model: 'openai:gpt-a', reason: 'No API key for OpenAI.' }]);
    assert.match(none, /No API key for OpenAI\./, 'a comparison where every model was refused still says why');
  });
  it('escapes the five HTML characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
