import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity } from '../../../../server/src/entities/entityModel';
import { StoryBible, throughBible, type BibleEntry } from '../../../../server/src/entities/storyBible';
import { Pseudonymizer } from '../../../../server/src/probes/pseudonymizer';
import { entityFidelity } from '../../../../shared/probes/fidelity';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
function entry(id: string, name: string, label: string, aliases: string[] = [], index = 0): BibleEntry {
  return { id, name, label, aliases, source: { uri: 'file:///w/.samsara/entities.yaml', index, range: at } };
}

function modelOf(text: string, spans: [string, string][], bible: StoryBible): EntityModel {
  let from = 0;
  const entities: DocumentEntity[] = spans.map(([label, word]) => {
    const start = text.indexOf(word, from);
    from = start + word.length;
    return { label, text: word, start, end: start + word.length };
  });
  return EntityModel.build(TextDocument.create('file:///w/a.md', 'markdown', 1, text), entities, bible);
}

describe('StoryBible', () => {
  it('finds an entry by its name or an alias, case, spaces and possessive aside', () => {
    const bible = new StoryBible([entry('emma', 'Emma Woodhouse', 'PERSON', ['Emma', 'Miss Woodhouse'])]);
    assert.equal(bible.entryFor('EMMA')?.id, 'emma');
    assert.equal(bible.entryFor("Emma's")?.id, 'emma');
    assert.equal(bible.entryFor('miss  woodhouse')?.id, 'emma');
    assert.equal(bible.entryFor('Emma Woodhouse')?.id, 'emma');
    assert.equal(bible.entryFor('Harriet'), undefined);
    assert.deepEqual(bible.conflicts, []);
  });

  it('keeps a canonical name with its entry when another entry lists it as an alias', () => {
    const bible = new StoryBible([entry('emma', 'Emma', 'PERSON'), entry('harriet', 'Harriet Smith', 'PERSON', ['Emma', 'Harriet'], 1)]);
    assert.equal(bible.entryFor('Emma')?.id, 'emma');
    assert.equal(bible.entryFor('Harriet')?.id, 'harriet');
    assert.deepEqual(
      bible.conflicts.map((c) => [c.text, c.keptBy, c.refused]),
      [['Emma', 'emma', ['harriet']]],
    );
  });

  it('gives an alias two entries claim to neither, and says so', () => {
    const bible = new StoryBible([
      entry('a', 'Mr Knightley', 'PERSON', ['Knightley']),
      entry('b', 'John Knightley', 'PERSON', ['Knightley'], 1),
    ]);
    assert.equal(bible.entryFor('Knightley'), undefined);
    assert.deepEqual(bible.conflicts[0].refused, ['a', 'b']);
  });
});

describe('EntityModel with a story bible', () => {
  const bible = new StoryBible([entry('emma', 'Emma Woodhouse', 'PERSON', ['Emma', 'Miss Woodhouse'])]);
  const text = 'Emma Woodhouse, handsome. Emma smiled. Miss Woodhouse left; EMMA wrote to Harriet.';
  const model = modelOf(
    text,
    [
      ['PERSON', 'Emma Woodhouse'],
      ['PERSON', 'Emma'],
      ['ORG', 'Miss Woodhouse'],
      ['PERSON', 'EMMA'],
      ['PERSON', 'Harriet'],
    ],
    bible,
  );

  it('counts every alias as a mention of the entry, under its label and canonical name', () => {
    const emma = model.at(text.indexOf('Miss'))!;
    assert.equal(model.mentionsOf(emma).length, 4);
    assert.equal(model.entryOf(emma)?.id, 'emma');
    assert.equal(model.keyOf(emma), 'PERSON:emma woodhouse');
    const people = model.groups.find((g) => g.label === 'PERSON')!;
    assert.deepEqual(
      people.entities.map((e) => [e.text, e.mentions.length]),
      [
        ['Emma Woodhouse', 4],
        ['Harriet', 1],
      ],
    );
    assert.equal(
      model.groups.find((g) => g.label === 'ORG'),
      undefined,
      'the alias labelled ORG by the model counts as the entry',
    );
  });

  it('leaves names without an entry to the person-name grouping', () => {
    const plain = modelOf(
      'Claude Shannon wrote. Shannon left.',
      [
        ['PERSON', 'Claude Shannon'],
        ['PERSON', 'Shannon'],
      ],
      bible,
    );
    assert.equal(plain.mentionsOf(plain.at(25)!).length, 2);
    assert.equal(plain.entryOf(plain.at(0)!), undefined);
  });
});

describe('probes through the story bible', () => {
  const bible = new StoryBible([entry('emma', 'Emma Woodhouse', 'PERSON', ['Emma', 'Miss Woodhouse'])]);

  it('names an alias by its entry, so fidelity counts it and pseudonymisation masks it as the entry', () => {
    const source = 'Emma Woodhouse met Harriet.';
    const reply = 'Miss Woodhouse was kind; Emma smiled.';
    const [sourceSpans, replySpans] = throughBible(
      [
        [
          { start: 0, end: 14, text: 'Emma Woodhouse', label: 'PERSON' },
          { start: 19, end: 26, text: 'Harriet', label: 'PERSON' },
        ],
        [
          { start: 0, end: 14, text: 'Miss Woodhouse', label: 'ORG' },
          { start: 25, end: 29, text: 'Emma', label: 'PERSON' },
        ],
      ],
      bible,
    );
    assert.deepEqual(
      replySpans.map((s) => [s.text, s.label]),
      [
        ['Emma Woodhouse', 'PERSON'],
        ['Emma Woodhouse', 'PERSON'],
      ],
    );
    const fidelity = entityFidelity({ sourceText: source, sourceEntities: sourceSpans, replyText: reply, replyEntities: replySpans });
    assert.deepEqual(
      fidelity.mentioned.map((e) => e.text),
      ['Emma Woodhouse'],
    );
    assert.deepEqual(fidelity.unsupported, []);
    const masker = new Pseudonymizer(new Set(['PERSON']));
    assert.equal(masker.mask(source, sourceSpans), '[PERSON_1] met [PERSON_2].');
    assert.equal(masker.mask(reply, replySpans), '[PERSON_1] was kind; [PERSON_1] smiled.');
    assert.equal(masker.mask('Later, Emma left.', []), 'Later, [PERSON_1] left.', 'an alias seen once is searched for everywhere');
    assert.equal(masker.restore('[PERSON_1] wrote.'), 'Emma Woodhouse wrote.');
  });
});
