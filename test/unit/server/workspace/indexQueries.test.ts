// The queries of the workspace index: entities by name (ranked: exact, prefix, word prefix,
// substring, characters in order), the mentions of one entity in other files, the Workspace mode
// of the Entities view (label → entity → files with counts), hidden labels left out everywhere,
// export rows in CSV (RFC 4180, formulas defused) and JSON Lines; and the index kept in step when
// a file changes or goes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelExplainer } from '../../../../server/src/entities/labels';
import { formatRow, csvHeader } from '../../../../server/src/workspace/entityRows';
import {
  exportRows,
  matchRank,
  mentionLocations,
  workspaceEntities,
  workspaceSymbols,
} from '../../../../server/src/workspace/indexQueries';
import { WorkspaceIndex } from '../../../../server/src/workspace/workspaceIndex';

const A = 'Ada Lovelace met Charles Babbage.\nThe Acme Corporation paid Ada 5 dollars.\n';
const B = 'ada lovelace wrote to the Acme Corporation.\n';
const entity = (text: string, source: string, label: string, from = 0) => {
  const start = source.indexOf(text, from);
  return { label, text, start, end: start + text.length };
};

function index(): WorkspaceIndex {
  const i = new WorkspaceIndex();
  i.setFromText('file:///w/a.md', 'plain:a', A, [
    entity('Ada Lovelace', A, 'PERSON'),
    entity('Charles Babbage', A, 'PERSON'),
    entity('The Acme Corporation', A, 'ORG'),
    entity('Ada', A, 'PERSON', 40),
    entity('5', A, 'CARDINAL'),
  ]);
  i.setFromText('file:///w/b.md', 'plain:b', B, [entity('ada lovelace', B, 'PERSON'), entity('the Acme Corporation', B, 'ORG')]);
  return i;
}
const shown = (label: string): boolean => label !== 'CARDINAL';

describe('workspace index queries', () => {
  it('ranks name matches', () => {
    assert.equal(matchRank('ada lovelace', 'ada lovelace'), 0);
    assert.equal(matchRank('ada lovelace', 'ada'), 1);
    assert.equal(matchRank('ada lovelace', 'love'), 2);
    assert.equal(matchRank('ada lovelace', 'velace'), 3);
    assert.equal(matchRank('ada lovelace', 'alc'), 4);
    assert.equal(matchRank('ada lovelace', 'xyz'), undefined);
  });

  it('finds entities by name in every file, one symbol per entity and file, best matches first', () => {
    const found = workspaceSymbols(index(), 'Ada', shown);
    assert.deepEqual(
      found.map((s) => [s.name, s.location.uri, s.containerName]),
      [
        // "Ada" alone is Ada Lovelace in a.md (a first name counts with the document's one full name).
        ['Ada Lovelace', 'file:///w/a.md', 'PERSON · 2 mentions'],
        ['ada lovelace', 'file:///w/b.md', 'PERSON · 1 mention'],
      ],
    );
    assert.deepEqual(found[0].location.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } });
    assert.deepEqual(workspaceSymbols(index(), '5', shown), [], 'a hidden label is not found');
    assert.equal(workspaceSymbols(index(), '', shown, 2).length, 2, 'bounded');
  });

  it('lists the mentions of an entity in the other files', () => {
    const i = index();
    assert.deepEqual(
      mentionLocations(i, 'ORG:acme corporation', 'file:///w/a.md').map((l) => [l.uri, l.range.start]),
      [['file:///w/b.md', { line: 0, character: 22 }]],
    );
    assert.equal(mentionLocations(i, 'PERSON:ada lovelace').length, 3, 'the full name twice and "Ada" alone');
  });

  it('groups the workspace by label, entity and file, most mentioned first', () => {
    const view = workspaceEntities(index(), shown, new LabelExplainer(), { scanning: false, enabled: true });
    assert.equal(view.files, 2);
    assert.deepEqual(
      view.labels.map((l) => [l.label, l.entities.map((e) => [e.text, e.mentions, e.files.map((f) => f.uri.slice(-4))])]),
      [
        [
          'PERSON',
          [
            ['Ada Lovelace', 3, ['a.md', 'b.md']],
            ['Charles Babbage', 1, ['a.md']],
          ],
        ],
        ['ORG', [['The Acme Corporation', 2, ['a.md', 'b.md']]]],
      ],
    );
    assert.equal(view.labels[0].explanation, 'People, including fictional');
  });

  it('keeps the index in step when a file changes or goes', () => {
    const i = index();
    const changed: string[] = [];
    i.onChange((uri) => changed.push(uri));
    i.setFromText('file:///w/b.md', 'plain:b2', 'Nothing here.\n', []);
    assert.equal(mentionLocations(i, 'PERSON:ada lovelace').length, 2);
    i.delete('file:///w/a.md');
    assert.equal(i.entityCount, 0);
    assert.deepEqual(changed, ['file:///w/b.md', 'file:///w/a.md']);
  });

  it('exports every shown mention as CSV or JSON Lines', () => {
    const rows = [...exportRows(index(), shown, (uri) => uri.slice('file:///w/'.length))];
    assert.equal(rows.length, 6);
    assert.deepEqual(rows[2], {
      file: 'a.md',
      label: 'ORG',
      text: 'The Acme Corporation',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 21,
      start: 34,
      end: 54,
    });
    assert.equal(csvHeader(), 'file,label,text,line,column,end_line,end_column,start,end\r\n');
    assert.equal(formatRow({ ...rows[0], text: 'Smith, "Jr"' }, 'csv'), 'a.md,PERSON,"Smith, ""Jr""",1,1,1,13,0,12\r\n');
    assert.equal(formatRow({ ...rows[0], text: '=SUM(A1)' }, 'csv'), "a.md,PERSON,'=SUM(A1),1,1,1,13,0,12\r\n");
    assert.deepEqual(JSON.parse(formatRow(rows[0], 'jsonl')), rows[0]);
  });
});
