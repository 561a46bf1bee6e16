import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  childNodes,
  entityCount,
  filterEntities,
  mentionSnippet,
  rootNodes,
  rowView,
  type EntityNode,
  type MentionNode,
} from '../../../../client/src/views/entitiesModel';
import { range, sampleModel } from './fixtures';

const LINES = ['# Ada Lovelace', '', 'Bill Gates founded Microsoft in 1975.', '', '', '', '', '    Bill Gates again'];
const lineAt = (line: number): string | undefined => LINES[line];

describe('Entities view: tree', () => {
  it('groups label → entity → mentions, skipping labels without entities', () => {
    const roots = rootNodes(sampleModel());
    assert.deepEqual(
      roots.map((node) => node.label),
      ['PERSON', 'ORG'],
    );
    const entities = childNodes(roots[0]!) as EntityNode[];
    assert.deepEqual(
      entities.map((node) => node.entity.text),
      ['Bill Gates', 'Ada Lovelace'],
    );
    const mentions = childNodes(entities[0]!) as MentionNode[];
    assert.deepEqual(
      mentions.map((node) => [node.index, node.range.start.line]),
      [
        [0, 2],
        [1, 7],
      ],
    );
    assert.deepEqual(childNodes(mentions[0]!), []);
  });

  it('rows: a label with its entity count and explanation, an entity with its mention count jumping to the first', () => {
    const [person] = rootNodes(sampleModel());
    const label = rowView(person!, lineAt);
    assert.equal(label.label, 'People (PERSON)');
    assert.equal(label.description, '2 entities · People, including fictional');
    assert.equal(label.collapsible, 'expanded');
    assert.equal(label.target, undefined);
    assert.equal(label.accessibleLabel, 'People (PERSON), 2 entities: People, including fictional');
    assert.equal(label.icon, 'person');

    const [gates] = childNodes(person!);
    const entity = rowView(gates!, lineAt);
    assert.equal(entity.label, 'Bill Gates');
    assert.equal(entity.description, '(2)');
    assert.equal(entity.collapsible, 'collapsed');
    assert.deepEqual(entity.target, range(2, 0, 10));
    assert.match(entity.tooltip, /"Bill Gates" — People \(PERSON\), 2 mentions; first at Ln 3, Col 1/);
    assert.equal(entity.accessibleLabel, 'Bill Gates, PERSON, 2 mentions');
    assert.equal(entity.icon, undefined);
    const [org] = rootNodes(sampleModel()).slice(1);
    assert.equal(rowView(org!, lineAt).description, '1 entity · Companies, agencies, institutions, etc.');
    const custom = rowView({ kind: 'label', uri: 'file:///x', label: 'DISEASE', explanation: 'Named entity', entities: [] }, lineAt);
    assert.equal(custom.icon, 'tag', "a custom pipeline's label gets the generic icon");
  });

  it('rows: a mention shows its line with the mention emphasised, and jumps to it', () => {
    const [person] = rootNodes(sampleModel());
    const [gates] = childNodes(person!);
    const [, second] = childNodes(gates!);
    const row = rowView(second!, lineAt);
    assert.equal(row.label, 'Bill Gates again');
    assert.deepEqual(row.highlight, [0, 10]);
    assert.equal(row.description, 'Ln 8, Col 5');
    assert.equal(row.accessibleLabel, 'Bill Gates at Ln 8, Col 5: Bill Gates again');
    assert.deepEqual(row.target, range(7, 4, 10));
    // The document closed: the entity's text stands in for the line.
    assert.equal(rowView(second!, () => undefined).label, 'Bill Gates');
  });

  it('ids are stable across versions, so the tree keeps what the user expanded', () => {
    const ids = (version: number): string[] => {
      const roots = rootNodes(sampleModel(version));
      return [...roots, ...roots.flatMap(childNodes)].map((node) => rowView(node, lineAt).id);
    };
    assert.deepEqual(ids(1), ids(2));
    assert.equal(new Set(ids(1)).size, ids(1).length, 'ids are unique');
  });
});

describe('Entities view: filter', () => {
  it('keeps entities whose text contains the filter, case-insensitively, and drops empty labels', () => {
    const filtered = filterEntities(sampleModel(), 'gAtEs');
    assert.deepEqual(
      filtered.labels.map((group) => [group.label, group.entities.map((e) => e.text)]),
      [['PERSON', ['Bill Gates']]],
    );
    assert.equal(entityCount(filtered), 1);
  });

  it('a label name keeps all of its entities', () => {
    const filtered = filterEntities(sampleModel(), 'org');
    assert.deepEqual(
      filtered.labels.map((group) => group.label),
      ['ORG'],
    );
  });

  it('an empty or blank filter keeps everything; no match leaves nothing', () => {
    assert.equal(entityCount(filterEntities(sampleModel(), '  ')), 3);
    assert.equal(entityCount(filterEntities(sampleModel(), 'zzz')), 0);
  });
});

describe('Entities view: mention snippet', () => {
  it('cuts long lines to context around the mention and marks where it is', () => {
    const line = `${'a'.repeat(100)} Bill Gates ${'b'.repeat(100)}`;
    const snippet = mentionSnippet(line, range(0, 101, 10));
    assert.equal(snippet.text.slice(snippet.highlight[0], snippet.highlight[1]), 'Bill Gates');
    assert.ok(snippet.text.startsWith('…') && snippet.text.endsWith('…'));
    assert.ok(snippet.text.length < 80);
  });

  it('collapses tabs and runs of spaces, and ends a mention that spans lines at its line end', () => {
    const snippet = mentionSnippet('\t\tsaid  New', { start: { line: 0, character: 8 }, end: { line: 1, character: 4 } });
    assert.equal(snippet.text, 'said New');
    assert.equal(snippet.text.slice(snippet.highlight[0], snippet.highlight[1]), 'New');
  });
});
