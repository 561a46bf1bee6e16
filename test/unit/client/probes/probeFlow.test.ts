// The pure parts of the probe flow: the model picker's rows (providers without a key marked, with
// a key button), what the compare picker says under two ticks, the question before a long or
// costly send, the rows of "Open Probe Transcript…", and the lines a selection spans.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { campaignGroup } from '../../../../shared/probes/campaignMessages';
import type { HistoryEntry } from '../../../../shared/probes/historyMessages';
import { compareTitle, modelRows, OTHER_MODEL_LABEL, providersWithoutKey } from '../../../../client/src/probes/modelItems';
import { selectedLines } from '../../../../client/src/probes/selectionLines';
import { sendQuestion, sizeText } from '../../../../client/src/probes/sendQuestion';
import { transcriptItems } from '../../../../client/src/probes/transcriptItems';

describe('model picker rows', () => {
  const rows = modelRows({
    first: ['anthropic:claude-x'],
    configured: ['openai:gpt-a', 'anthropic:claude-x', 'ollama:llama3.1'],
    listed: ['openai:gpt-listed', 'openai:gpt-a'],
    ready: new Set(['openai', 'ollama']),
  });

  it('marks the models of a provider without a key, by its display name, with a key to set it', () => {
    const claude = rows.find((r) => r.model === 'anthropic:claude-x');
    assert.equal(claude?.missingKeyOf, 'anthropic');
    assert.match(claude?.description ?? '', /Anthropic: no API key yet/);
    const gpt = rows.find((r) => r.model === 'openai:gpt-a');
    assert.equal(gpt?.missingKeyOf, undefined);
    assert.equal(gpt?.description, 'OpenAI');
    assert.equal(rows.find((r) => r.model === 'ollama:llama3.1')?.missingKeyOf, undefined, 'Ollama needs no key');
  });

  it('lists last used first, each model once, the providers’ lists after a separator, and "Other model…" last', () => {
    assert.deepEqual(
      rows.map((r) => (r.separator ? '---' : r.label)),
      ['anthropic:claude-x', 'openai:gpt-a', 'ollama:llama3.1', '---', 'openai:gpt-listed', OTHER_MODEL_LABEL],
    );
  });

  it('names each provider without a key once', () => {
    assert.deepEqual(providersWithoutKey(['anthropic:a', 'openai:b', 'anthropic:c', 'ollama:d', 'nonsense'], new Set(['openai'])), [
      'anthropic',
    ]);
  });

  it('explains in the title why the compare picker stays open', () => {
    assert.equal(compareTitle(0, false), 'Samsara: Compare which models?');
    assert.match(compareTitle(1, true), /Only 1 ticked: tick at least two/);
    assert.match(compareTitle(0, true), /None ticked/);
  });
});

describe('the question before sending', () => {
  const estimate = (inputTokens: number, costUsd?: number) => ({
    inputTokens,
    method: 'chars' as const,
    ...(costUsd !== undefined ? { costUsd } : {}),
  });

  it('asks about a long selection with its size and estimated tokens', () => {
    const text = 'x'.repeat(60_000);
    const q = sendQuestion(text, {
      estimates: [{ model: 'openai:gpt-a', estimate: estimate(15_000, 0.01) }],
      totalUsd: 0.01,
      confirmAboveUsd: 0.1,
      confirmAboveChars: 50_000,
    });
    assert.ok(q);
    assert.match(
      q.message,
      /The selection is 59 KB \(60,000 characters\), about 15,000 tokens: more than samsara\.probes\.confirmAboveChars \(50,000 characters\)/,
    );
    assert.doesNotMatch(q.message, /estimated at/);
    assert.match(q.detail, /OpenAI gpt-a: about 15,000 input tokens, about \$0\.010/);
  });

  it('asks about cost alone, both together, and not at all under both limits', () => {
    const answer = {
      estimates: [{ model: 'anthropic:c', estimate: estimate(10, 0.5) }],
      totalUsd: 0.5,
      confirmAboveUsd: 0.1,
      confirmAboveChars: 50_000,
    };
    assert.match(sendQuestion('short', answer)?.message ?? '', /estimated at \$0\.50, above samsara\.probes\.confirmAboveUsd/);
    const both = sendQuestion('y'.repeat(50_001), answer)?.message ?? '';
    assert.match(both, /The selection is/);
    assert.match(both, /estimated at/);
    assert.equal(sendQuestion('short', { ...answer, totalUsd: 0.01 }), undefined);
    assert.equal(sizeText('é'.repeat(2048)), '4 KB (2,048 characters)');
  });
});

describe('"Open Probe Transcript…" rows', () => {
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
    json: '/t/x.json',
    name: 'x',
    startedAt: '2025-03-05T10:00:00.000Z',
    scenarioId: 'summarize',
    scenarioTitle: 'Summarise',
    model: 'openai:gpt-a',
    outcome: 'completed',
    pseudonymized: false,
    excerpt: 'Ada Lovelace met Charles Babbage in London on 5 June…',
    file: 'notes/sample.md',
    lines: { start: 3, end: 4 },
    ...over,
  });

  it('shows scenario, model, outcome, date and the first words of the passage with its source', () => {
    const [item] = transcriptItems([entry({ outcome: 'failed', reason: 'OpenAI returned HTTP 500' })]);
    assert.equal(item.label, '$(comment-discussion) Summarise — OpenAI gpt-a');
    assert.match(item.description, /^failed: OpenAI returned HTTP 500 · \d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(item.detail, '“Ada Lovelace met Charles Babbage in London on 5 June…” — notes/sample.md, lines 3–4');
  });

  it('makes one row of a comparison, naming its models in the order they ran', () => {
    const items = transcriptItems([
      entry({ json: '/t/b.json', model: 'anthropic:c', group: 'g', startedAt: '2025-03-05T10:00:01.000Z' }),
      entry({ json: '/t/a.json', model: 'openai:gpt-a', group: 'g' }),
      entry({ json: '/t/old.json', startedAt: '2025-03-04T10:00:00.000Z' }),
    ]);
    assert.equal(items.length, 2);
    assert.equal(items[0].label, '$(split-horizontal) Summarise — OpenAI gpt-a, Anthropic c');
    assert.match(items[0].description, /^2 models · completed · /);
    assert.equal(items[0].choice.kind, 'comparison');
    assert.equal(items[1].choice.kind, 'transcript');
  });

  it("lists a campaign's runs one by one (a campaign is no comparison)", () => {
    const items = transcriptItems([
      entry({ json: '/t/b.json', model: 'anthropic:c', group: campaignGroup('news') }),
      entry({ json: '/t/a.json', model: 'openai:gpt-a', group: campaignGroup('news') }),
    ]);
    assert.deepEqual(
      items.map((i) => [i.choice.kind, i.label]),
      [
        ['transcript', '$(comment-discussion) Summarise — Anthropic c'],
        ['transcript', '$(comment-discussion) Summarise — OpenAI gpt-a'],
      ],
    );
  });
});

describe('selected lines', () => {
  const sel = (sl: number, sc: number, el: number, ec: number) => ({
    start: { line: sl, character: sc },
    end: { line: el, character: ec },
    isEmpty: sl === el && sc === ec,
  });
  it('counts from 1, spans every selection, and leaves out a line the selection only reaches the start of', () => {
    assert.deepEqual(selectedLines([sel(2, 4, 6, 0)] as never), { start: 3, end: 6 });
    assert.deepEqual(selectedLines([sel(9, 0, 9, 5), sel(1, 0, 1, 3)] as never), { start: 2, end: 10 });
    assert.equal(selectedLines([sel(1, 1, 1, 1)] as never), undefined);
  });
});
