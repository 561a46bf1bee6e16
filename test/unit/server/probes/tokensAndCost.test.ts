import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTokens as o200k } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { countTokens as cl100k } from 'gpt-tokenizer/cjs/encoding/cl100k_base';
import { ASSUMED_ANSWER_TOKENS, costUsd, estimateProbe, priceOf } from '../../../../server/src/probes/cost';
import { DEFAULT_PRICES } from '../../../../server/src/probes/probeSettings';
import { counterFor, openAiEncoding } from '../../../../server/src/probes/tokens';
import type { Scenario } from '../../../../shared/probes/scenario';

const TEXT = 'Ada Lovelace wrote the first published algorithm for Babbage’s Analytical Engine in 1843.';
const SCENARIO: Scenario = { id: 's', title: 'S', preamble: 'Be brief.', prompt: 'Summarise: {{selection}}', followUps: ['Why?'] };

describe('token counts', () => {
  it('uses the encoding of each OpenAI model family', () => {
    const cases: Array<[string, string]> = [
      ['gpt-5.4-mini', 'o200k_base'],
      ['gpt-4o', 'o200k_base'],
      ['gpt-4.1-nano', 'o200k_base'],
      ['o3', 'o200k_base'],
      ['gpt-4', 'cl100k_base'],
      ['gpt-4-turbo', 'cl100k_base'],
      ['gpt-3.5-turbo', 'cl100k_base'],
    ];
    for (const [model, encoding] of cases) assert.equal(openAiEncoding('openai', model), encoding, model);
    assert.equal(openAiEncoding('anthropic', 'claude-haiku-4-5'), undefined);
  });
  it('counts OpenAI models with the real tokenizer (offline), others at 4 characters a token', async () => {
    const openai = await counterFor('openai', 'gpt-5.4-mini');
    assert.equal(openai.method, 'o200k_base');
    assert.equal(openai.count(TEXT), o200k(TEXT));
    const legacy = await counterFor('openai', 'gpt-4');
    assert.equal(legacy.count(TEXT), cl100k(TEXT));
    const other = await counterFor('mistral', 'mistral-small-latest');
    assert.deepEqual([other.method, other.count(TEXT)], ['chars', Math.ceil(TEXT.length / 4)]);
  });
});

describe('prices and cost', () => {
  it('finds exact and wildcard prices, the longest prefix winning', () => {
    const table = {
      'openai:gpt-5*': { input: 1, output: 2 },
      'openai:gpt-5.4-mini*': { input: 0.75, output: 4.5 },
      'x:y': { input: 3, output: 4 },
    };
    assert.deepEqual(priceOf(table, 'openai', 'gpt-5.4-mini-2026-03-17'), { input: 0.75, output: 4.5 });
    assert.deepEqual(priceOf(table, 'openai', 'gpt-5.2'), { input: 1, output: 2 });
    assert.deepEqual(priceOf(table, 'x', 'y'), { input: 3, output: 4 });
    assert.equal(priceOf(table, 'x', 'z'), undefined);
  });
  it('costs tokens per million, without float noise', () => {
    assert.equal(costUsd({ input: 0.75, output: 4.5 }, 1000, 200), 0.00165);
    assert.equal(costUsd(undefined, 1000, 200), undefined);
  });
  it('prices every default model', () => {
    for (const price of Object.values(DEFAULT_PRICES)) assert.ok(price.input > 0 && price.output > price.input);
  });
  it('estimates every turn: system + prompts so far + earlier answers at the assumed length', async () => {
    const counter = await counterFor('openai', 'gpt-5.4-mini');
    const system = o200k('Be brief.');
    const p1 = o200k(`Summarise: ${TEXT}`);
    const p2 = o200k('Why?');
    const expectedInput = system + p1 + (system + p1 + ASSUMED_ANSWER_TOKENS + p2);
    const estimate = estimateProbe(counter, SCENARIO, TEXT, { input: 1, output: 10 });
    assert.equal(estimate.inputTokens, expectedInput);
    assert.equal(estimate.method, 'o200k_base');
    assert.equal(estimate.costUsd, costUsd({ input: 1, output: 10 }, expectedInput, 2 * ASSUMED_ANSWER_TOKENS));
    assert.equal(estimateProbe(counter, SCENARIO, TEXT, undefined).costUsd, undefined);
  });
});
