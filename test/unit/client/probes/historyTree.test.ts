import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupHistory, localParts, type HistoryNode } from '../../../../client/src/probes/historyTree';
import { campaignGroup } from '../../../../shared/probes/campaignMessages';
import type { HistoryEntry } from '../../../../shared/probes/historyMessages';

function entry(startedAt: string, model: string, scenarioId: string, group?: string): HistoryEntry {
  return {
    json: `/t/${startedAt}-${model}.json`,
    name: `${startedAt}-${model}`,
    startedAt,
    scenarioId,
    scenarioTitle: scenarioId === 'who' ? 'Who is mentioned?' : 'Summarise',
    model,
    outcome: 'completed',
    pseudonymized: false,
    ...(group ? { group } : {}),
  };
}

// Newest first, as the server lists them.
const entries = [
  entry('2025-03-05T10:00:02.000Z', 'openai:b', 'who', 'g1'),
  entry('2025-03-05T10:00:01.000Z', 'anthropic:a', 'who', 'g1'),
  entry('2025-03-05T09:00:00.000Z', 'openai:b', 'summarize'),
  entry('2025-03-01T09:00:00.000Z', 'anthropic:a', 'summarize'),
];
const problems = [{ file: '/t/bad.json', problem: 'cannot read it as JSON' }];

function labels(nodes: HistoryNode[]): unknown[] {
  return nodes.map((n) => {
    if (n.kind === 'folder') return [n.label, labels(n.children)];
    if (n.kind === 'comparison') return [n.label, n.entries.map((e) => e.model)];
    if (n.kind === 'campaign') return [n.label, n.description, labels(n.children)];
    if (n.kind === 'transcript') return n.label;
    return n.kind;
  });
}

describe('probe history tree', () => {
  it('by date: days newest first, a comparison as one node with its models in run order, skipped files last', () => {
    const day = (iso: string): string => localParts(iso).date;
    const time = (iso: string): string => localParts(iso).time;
    assert.deepEqual(labels(groupHistory({ folder: '/t', entries, problems }, 'date')), [
      [
        day('2025-03-05T10:00:02.000Z'),
        [
          [`${time('2025-03-05T10:00:01.000Z')} Comparison: Who is mentioned?`, ['anthropic:a', 'openai:b']],
          `${time('2025-03-05T09:00:00.000Z')} OpenAI b`,
        ],
      ],
      [day('2025-03-01T09:00:00.000Z'), [`${time('2025-03-01T09:00:00.000Z')} Anthropic a`]],
      'skipped',
    ]);
  });
  it('by scenario and by model', () => {
    const byScenario = groupHistory({ folder: '/t', entries, problems: [] }, 'scenario');
    assert.deepEqual(
      byScenario.map((n) => (n.kind === 'folder' ? [n.label, n.children.length] : n.kind)),
      [
        ['Who is mentioned?', 2],
        ['Summarise', 2],
      ],
    );
    const byModel = groupHistory({ folder: '/t', entries, problems: [] }, 'model');
    assert.deepEqual(
      byModel.map((n) => (n.kind === 'folder' ? n.label : n.kind)),
      ['OpenAI b', 'Anthropic a'],
    );
    const first = byModel[0].kind === 'folder' ? byModel[0].children[0] : undefined;
    assert.ok(first?.kind === 'transcript' && first.label.endsWith(' who'));
  });

  it("puts a campaign's runs under the campaign, first, in every grouping; comparisons stay as they are", () => {
    const at = (iso: string): string => `${localParts(iso).date} ${localParts(iso).time}`;
    const runs = [
      { ...entry('2025-03-06T08:00:03.000Z', 'openai:b', 'brief', campaignGroup('news')), file: 'a.md' },
      { ...entry('2025-03-06T08:00:02.000Z', 'anthropic:a', 'brief', campaignGroup('news')), excerpt: 'Ada wrote notes' },
      entry('2025-03-06T08:00:01.000Z', 'openai:b', 'brief', campaignGroup('other')),
    ];
    const all = [...runs, ...entries];
    for (const mode of ['date', 'scenario', 'model'] as const) {
      const nodes = groupHistory({ folder: '/t', entries: all, problems: [] }, mode);
      assert.deepEqual(labels(nodes.slice(0, 2)), [
        ['Campaign: news', '2 runs, 2 models', [`${at(runs[0].startedAt)} OpenAI b`, `${at(runs[1].startedAt)} Anthropic a`]],
        ['Campaign: other', '1 run, 1 model', [`${at(runs[2].startedAt)} OpenAI b`]],
      ]);
      // The rest is grouped exactly as without the campaign.
      assert.deepEqual(labels(nodes.slice(2)), labels(groupHistory({ folder: '/t', entries, problems: [] }, mode)), mode);
    }
    const [news] = groupHistory({ folder: '/t', entries: all, problems: [] }, 'date');
    assert.ok(news.kind === 'campaign');
    assert.deepEqual(
      news.children.map((c) => (c.kind === 'transcript' ? c.description : c.kind)),
      ['brief · a.md', 'brief · Ada wrote notes'],
    );
  });
});
