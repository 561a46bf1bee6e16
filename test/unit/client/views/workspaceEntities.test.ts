// The Entities view's Workspace mode without an editor: the tree (label → entity → files), its
// rows and filter; the feed asking when shown, coalescing the index's change notifications,
// showing only the latest answer and refusing a malformed one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkspaceEntities } from '../../../../shared/lsp';
import { WorkspaceEntitiesFeed } from '../../../../client/src/views/workspaceEntitiesFeed';
import {
  filterWorkspace,
  workspaceChildren,
  workspaceEntityCount,
  workspaceRoots,
  workspaceRow,
} from '../../../../client/src/views/workspaceEntitiesModel';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });
const MODEL: WorkspaceEntities = {
  files: 3,
  scanning: false,
  enabled: true,
  labels: [
    {
      label: 'PERSON',
      explanation: 'People, including fictional',
      entities: [
        {
          key: 'PERSON:ada lovelace',
          text: 'Ada Lovelace',
          label: 'PERSON',
          mentions: 3,
          files: [
            { uri: 'file:///w/a.md', count: 2, first: range(2) },
            { uri: 'file:///w/notes.txt', count: 1, first: range(0) },
          ],
        },
      ],
    },
    {
      label: 'GPE',
      explanation: 'Countries, cities, states',
      entities: [
        { key: 'GPE:paris', text: 'Paris', label: 'GPE', mentions: 1, files: [{ uri: 'file:///w/b.md', count: 1, first: range(4) }] },
      ],
    },
  ],
};
const pathOf = (uri: string) => uri.slice('file:///w/'.length);

describe('Workspace mode tree', () => {
  it('lists label → entity → files with counts, each file jumping to its first mention', () => {
    const [person] = workspaceRoots(MODEL);
    assert.equal(workspaceRow(person, pathOf).description, '1 entity · People, including fictional');
    const [ada] = workspaceChildren(person);
    const row = workspaceRow(ada, pathOf);
    assert.equal(row.label, 'Ada Lovelace');
    assert.equal(row.description, '(3) in 2 files');
    const files = workspaceChildren(ada).map((node) => workspaceRow(node, pathOf));
    assert.deepEqual(
      files.map((f) => [f.label, f.description, f.target?.uri, f.target?.range.start.line]),
      [
        ['a.md', '(2)', 'file:///w/a.md', 2],
        ['notes.txt', '(1)', 'file:///w/notes.txt', 0],
      ],
    );
    assert.equal(new Set([row.id, ...files.map((f) => f.id)]).size, 3, 'row ids are unique');
  });

  it('filters by entity text or label', () => {
    assert.equal(workspaceEntityCount(filterWorkspace(MODEL, 'love')), 1);
    assert.deepEqual(
      filterWorkspace(MODEL, 'gpe').labels.map((l) => l.label),
      ['GPE'],
    );
    assert.equal(workspaceEntityCount(filterWorkspace(MODEL, 'nobody')), 0);
    assert.equal(filterWorkspace(MODEL, ' '), MODEL);
  });
});

describe('Workspace mode feed', () => {
  function feed(answers: unknown[]) {
    const timers: (() => void)[] = [];
    const warnings: string[] = [];
    let asked = 0;
    const f = new WorkspaceEntitiesFeed({
      request: async () => answers[asked++] ?? MODEL,
      schedule: (callback) => {
        timers.push(callback);
        return () => timers.splice(timers.indexOf(callback), 1);
      },
      delayMs: 100,
      warn: (m) => warnings.push(m),
    });
    return { f, timers, warnings, asked: () => asked };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('asks only while shown, and once per burst of changes', async () => {
    const { f, timers, asked } = feed([]);
    f.changed();
    assert.equal(timers.length, 0, 'not shown: nothing asked');
    f.setActive(true);
    await settle();
    assert.equal(f.state.kind, 'ready');
    f.changed();
    f.changed();
    assert.equal(timers.length, 1, 'coalesced');
    timers.shift()?.();
    await settle();
    assert.equal(asked(), 2);
  });

  it('refuses a malformed answer, and shows the error of a failed request', async () => {
    const { f, warnings } = feed([{ labels: 'nope' }]);
    f.setActive(true);
    await settle();
    assert.equal(f.state.kind, 'error');
    assert.match(warnings[0], /malformed/);
    const failing = new WorkspaceEntitiesFeed({
      request: () => Promise.reject(new Error('server gone')),
      schedule: () => () => undefined,
      delayMs: 0,
      warn: () => undefined,
    });
    failing.setActive(true);
    await settle();
    assert.deepEqual(failing.state, { kind: 'error', message: 'server gone' });
  });
});
