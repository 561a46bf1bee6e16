import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity } from '../../../../server/src/entities/entityModel';
import { entityKey, normaliseEntityText } from '../../../../server/src/entities/normalise';

function modelOf(text: string, spans: [string, string, number?][]): EntityModel {
  const document = TextDocument.create('file:///m', 'plaintext', 3, text);
  let from = 0;
  const entities: DocumentEntity[] = spans.map(([label, word, after]) => {
    const start = text.indexOf(word, after ?? from);
    from = start + word.length;
    return { label, text: word, start, end: start + word.length };
  });
  return EntityModel.build(document, entities);
}

describe('entity keys', () => {
  it('fold case, white space, a leading "the" and a possessive', () => {
    assert.equal(normaliseEntityText('Bill  \n Gates'), 'bill gates');
    assert.equal(normaliseEntityText('the United Nations'), 'united nations');
    assert.equal(normaliseEntityText('Gates’s'), 'gates');
    assert.equal(normaliseEntityText("Jobs'"), 'jobs');
    assert.equal(normaliseEntityText('The'), 'the', 'a lone "the" stays');
    assert.equal(entityKey('ORG', 'The Red Cross'), entityKey('ORG', 'the red  cross'));
    assert.notEqual(entityKey('ORG', 'Paris'), entityKey('GPE', 'Paris'), 'the label is part of the key');
  });
});

describe('EntityModel', () => {
  const text = 'Ada met Bob.\r\nThen ada\nmet the Bob and Bob’s dog in 😀 Paris.';
  const model = modelOf(text, [
    ['PERSON', 'Ada'],
    ['PERSON', 'Bob'],
    ['PERSON', 'ada\nmet', 0],
    ['PERSON', 'the Bob'],
    ['PERSON', 'Bob’s'],
    ['GPE', 'Paris'],
  ]);

  it('holds ranges in UTF-16 positions across CRLF and emoji', () => {
    assert.deepEqual(model.entities[2].range, { start: { line: 1, character: 5 }, end: { line: 2, character: 3 } });
    const paris = model.entities[5];
    assert.deepEqual(paris.range.start, { line: 2, character: 32 }, 'the emoji counts two UTF-16 units');
    assert.equal(text.slice(paris.start, paris.end), 'Paris');
  });

  it('indexes mentions by key', () => {
    const bob = model.entities[1];
    assert.deepEqual(
      model.mentionsOf(bob).map((m) => m.text),
      ['Bob', 'the Bob', 'Bob’s'],
    );
    // A person's first name alone counts with the one full name it starts (personNames.test.ts).
    assert.deepEqual(
      model.mentionsOf(model.entities[0]).map((m) => m.text),
      ['Ada', 'ada\nmet'],
    );
  });

  it('finds entities at an offset and in a range', () => {
    assert.equal(model.at(text.indexOf('Paris') + 5)?.text, 'Paris');
    assert.equal(model.at(text.indexOf('dog')), undefined);
    assert.deepEqual(
      model.overlapping(text.indexOf('Bob.') + 1, text.indexOf('Then') + 6).map((e) => e.text),
      ['Bob', 'ada\nmet'],
    );
    assert.deepEqual(model.overlapping(text.length, text.length + 5), []);
  });

  it('groups distinct entities by label: OntoNotes order, most mentioned first', () => {
    assert.deepEqual(
      model.groups.map((g) => [g.label, g.entities.map((e) => [e.text, e.mentions.length])]),
      [
        [
          'PERSON',
          [
            ['Bob', 3],
            // Shown by its first mention in full.
            ['ada\nmet', 2],
          ],
        ],
        ['GPE', [['Paris', 1]]],
      ],
    );
    assert.equal(model.groups, model.groups, 'computed once');
  });

  it('drops an entity that overlaps the one before', () => {
    const overlapping = EntityModel.build(TextDocument.create('u', 'plaintext', 1, 'New York City'), [
      { label: 'GPE', text: 'New York', start: 0, end: 8 },
      { label: 'GPE', text: 'York City', start: 4, end: 13 },
    ]);
    assert.deepEqual(
      overlapping.entities.map((e) => e.text),
      ['New York'],
    );
  });
});
