import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compatibleLabels, distinctNames, entityFidelity, normalizeEntityText } from '../../../../shared/probes/fidelity';

const SOURCE = 'Ada Lovelace worked with Charles Babbage in London on the Analytical Engine in 1843.';
const sourceEntities = [
  { text: 'Ada Lovelace', label: 'PERSON' },
  { text: 'Charles Babbage', label: 'PERSON' },
  { text: 'London', label: 'GPE' },
  { text: 'the Analytical Engine', label: 'PRODUCT' },
  { text: '1843', label: 'DATE' },
];

describe('entity fidelity', () => {
  it('splits the source names into mentioned and missing, and flags names the source does not hold', () => {
    const reply = 'Lovelace worked with Isaac Newton on the analytical engine.';
    const f = entityFidelity({
      sourceText: SOURCE,
      sourceEntities,
      replyText: reply,
      replyEntities: [
        { text: 'Lovelace', label: 'PERSON' },
        { text: 'Isaac Newton', label: 'PERSON' },
      ],
    });
    assert.deepEqual(
      f.source.map((e) => e.text),
      ['Ada Lovelace', 'Charles Babbage', 'London', 'the Analytical Engine'],
      'dates and numbers are not names',
    );
    assert.deepEqual(
      f.mentioned.map((e) => e.text),
      ['Ada Lovelace', 'the Analytical Engine'],
      'a last name alone, and an untagged name in other case, count',
    );
    assert.deepEqual(
      f.missing.map((e) => e.text),
      ['Charles Babbage', 'London'],
    );
    assert.deepEqual(f.unsupported, [{ text: 'Isaac Newton', label: 'PERSON' }]);
  });
  it('matches by normalised text: case, accents, punctuation, a leading "the" and a possessive', () => {
    assert.equal(normalizeEntityText('The  Café Müller’s'), 'cafe muller');
    const f = entityFidelity({
      sourceText: 'Dinner at Café Müller with the United Nations.',
      sourceEntities: [
        { text: 'Café Müller', label: 'ORG' },
        { text: 'the United Nations', label: 'ORG' },
      ],
      replyText: "cafe muller's owner spoke to United Nations staff.",
      replyEntities: [{ text: 'United Nations', label: 'ORG' }],
    });
    assert.equal(f.missing.length, 0);
    assert.equal(f.unsupported.length, 0);
  });
  it('matches compatible labels only: ORG, GPE, LOC, FAC and NORP with each other, PERSON with PERSON', () => {
    assert.ok(compatibleLabels('ORG', 'GPE'));
    assert.ok(compatibleLabels('LOC', 'FAC'));
    assert.ok(!compatibleLabels('PERSON', 'ORG'));
    assert.ok(!compatibleLabels('PRODUCT', 'ORG'));
    const f = entityFidelity({
      sourceText: 'Jordan went to Paris.',
      sourceEntities: [
        { text: 'Jordan', label: 'PERSON' },
        { text: 'Paris', label: 'GPE' },
      ],
      replyText: 'It happened in Paris, France.',
      replyEntities: [
        { text: 'Paris', label: 'LOC' },
        { text: 'France', label: 'GPE' },
      ],
    });
    assert.deepEqual(
      f.mentioned.map((e) => e.text),
      ['Paris'],
    );
    assert.deepEqual(f.unsupported, [{ text: 'France', label: 'GPE' }]);
  });
  it('never calls a reply name unsupported when its words are in the source text, tagged there or not', () => {
    const f = entityFidelity({
      sourceText: 'The report came from the ministry of Ruritania.',
      sourceEntities: [],
      replyText: 'Ruritania published it.',
      replyEntities: [{ text: 'Ruritania', label: 'GPE' }],
    });
    assert.deepEqual(f.unsupported, []);
  });
  it('lists each name once', () => {
    assert.deepEqual(
      distinctNames([
        { text: 'Ada', label: 'PERSON' },
        { text: 'ada', label: 'PERSON' },
        { text: 'Ada', label: 'ORG' },
        { text: 'three', label: 'CARDINAL' },
      ]),
      [
        { text: 'Ada', label: 'PERSON' },
        { text: 'Ada', label: 'ORG' },
      ],
    );
  });
});
