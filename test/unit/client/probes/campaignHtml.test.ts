// The compare view's page of a campaign's results: a column per model, a row per passage ×
// scenario, every expectation met or not in words and theme colours, strict like every page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { campaignHtml } from '../../../../client/src/probes/campaignHtml';
import { compareCsp } from '../../../../client/src/probes/compareHtml';
import type { CampaignResult } from '../../../../shared/probes/campaignMessages';

const result: CampaignResult = {
  campaign: 'news <desk>',
  models: ['openai:gpt-5.4-mini', 'anthropic:claude-x'],
  rows: [
    {
      passage: 'ada',
      scenario: 'brief',
      repeat: 1,
      cells: [
        { model: 'openai:gpt-5.4-mini', passed: true, outcome: 'completed', verdicts: [{ name: 'mention Ada Lovelace', passed: true }] },
        {
          model: 'anthropic:claude-x',
          passed: false,
          outcome: 'completed',
          verdicts: [
            { name: 'mention Ada Lovelace', passed: false, detail: 'not mentioned' },
            { name: 'not invent <Isaac Newton>', passed: false, detail: 'named in turn 1' },
          ],
        },
      ],
    },
    { passage: 'notes.md:3-9', scenario: 'brief', repeat: 1, cells: [] },
  ],
  summaries: [
    { model: 'openai:gpt-5.4-mini', jobs: 1, passed: 1, costUsd: 0.0012, latencyP50Ms: 120, latencyP95Ms: 300 },
    { model: 'anthropic:claude-x', jobs: 1, passed: 0, latencyP50Ms: 90, latencyP95Ms: 95 },
  ],
  total: 4,
  skipped: 1,
  interrupted: true,
  passed: false,
  resultsFolder: '/w/.samsara/campaigns/news.results',
};

/** The text of a cell, tags removed. */
function cellText(html: string, passage: string, model: string): string {
  const row = new RegExp(`<tr data-passage="${passage}"[^>]*>(.*?)</tr>`).exec(html)?.[1] ?? '';
  const cell = new RegExp(`<td data-model="${model}"[^>]*>(.*?)</td>`).exec(row)?.[1] ?? row;
  return cell
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('campaign results page', () => {
  const html = campaignHtml(result, 'nonce1');

  it('has a column per model, in the campaign order, and a row per passage × scenario', () => {
    const head = /<thead>(.*?)<\/thead>/.exec(html)?.[1] ?? '';
    assert.deepEqual(
      [...head.matchAll(/data-model="([^"]+)"/g)].map((m) => m[1]),
      ['openai:gpt-5.4-mini', 'anthropic:claude-x'],
    );
    assert.deepEqual(
      [...html.matchAll(/<tr data-passage="([^"]+)" data-scenario="([^"]+)"/g)].map((m) => `${m[1]} × ${m[2]}`),
      ['ada × brief', 'notes.md:3-9 × brief'],
    );
  });

  it('says pass or fail per expectation in words, with what was found', () => {
    assert.equal(cellText(html, 'ada', 'openai:gpt-5.4-mini'), '✓ passed ✓ met mention Ada Lovelace');
    assert.equal(
      cellText(html, 'ada', 'anthropic:claude-x'),
      '✗ failed ✗ not met mention Ada Lovelace — not mentioned ✗ not met not invent &#60;Isaac Newton&#62; — named in turn 1',
    );
    assert.match(cellText(html, 'notes.md:3-9', 'x'), /Not run\. Not run\./);
    const summary = /<tr data-row="summary">(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    assert.match(summary, /1\/1 passed.*120 ms median, 300 ms p95 · \$0\.0012.*0\/1 passed/);
  });

  it('says a cancelled run can be resumed, and where results are kept', () => {
    assert.match(html, /2\/4 jobs done · 1 from an earlier run · cancelled: run the campaign again to finish it/);
    assert.match(html, /Not finished\./);
    assert.ok(html.includes('/w/.samsara/campaigns/news.results'));
  });

  it('is strict, escaped, in theme colours, and wraps in fixed columns (readable at half width)', () => {
    assert.ok(html.includes(`content="${compareCsp('nonce1')}"`));
    assert.ok(!/<script|https?:\/\//i.test(html));
    assert.ok(html.includes('Campaign: news &#60;desk&#62;'));
    assert.ok(!html.includes('<desk>') && !html.includes('<Isaac'));
    assert.match(html, /\.pass \{ color: var\(--vscode-testing-iconPassed/);
    assert.match(html, /\.fail \{ color: var\(--vscode-testing-iconFailed/);
    assert.ok(!/color:\s*#[0-9a-f]{3,6}\b/i.test(html.replace(/var\([^)]*\)/g, '')), 'no fixed colour');
    assert.match(html, /table\.campaign \{ table-layout: fixed; \}/);
  });
});
