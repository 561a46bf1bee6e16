import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Pseudonymizer, StreamRestorer, type EntitySpan } from '../../../../server/src/probes/pseudonymizer';

/** Spans of `names` (text → label) wherever they occur in `text`, as the sidecar would give them. */
function spans(text: string, names: Record<string, string>): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const [name, label] of Object.entries(names)) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) out.push({ start: i, end: i + name.length, text: name, label });
  }
  return out.sort((a, b) => a.start - b.start);
}

const SELECTION = 'Ada Lovelace wrote to Charles Babbage from London about the Analytical Engine at Cambridge University.';
const NAMES = { 'Ada Lovelace': 'PERSON', 'Charles Babbage': 'PERSON', London: 'GPE', 'Cambridge University': 'ORG' };

describe('placeholder mapping', () => {
  it('replaces only the chosen labels, numbered per label in order of appearance', () => {
    const p = new Pseudonymizer(new Set(['PERSON', 'ORG']));
    const masked = p.mask(SELECTION, spans(SELECTION, NAMES));
    assert.equal(masked, '[PERSON_1] wrote to [PERSON_2] from London about the Analytical Engine at [ORG_1].');
    assert.deepEqual(p.mapping, [
      { placeholder: '[PERSON_1]', text: 'Ada Lovelace', label: 'PERSON' },
      { placeholder: '[PERSON_2]', text: 'Charles Babbage', label: 'PERSON' },
      { placeholder: '[ORG_1]', text: 'Cambridge University', label: 'ORG' },
    ]);
  });
  it('is stable across texts and turns: the same name keeps its placeholder, even where the tagger missed it', () => {
    const p = new Pseudonymizer(new Set(['PERSON']));
    p.mask(SELECTION, spans(SELECTION, NAMES));
    // No spans for the follow-up: the known names are still found (any case, whole words only).
    assert.equal(
      p.mask('Did charles babbage answer ADA LOVELACE? Not Adalovelace.', []),
      'Did [PERSON_2] answer [PERSON_1]? Not Adalovelace.',
    );
    // A person's first or last name alone is the same person.
    assert.equal(p.mask("Lovelace's notes; Babbage replied.", []), "[PERSON_1]'s notes; [PERSON_2] replied.");
    assert.equal(p.mapping.length, 2);
  });
  it('is reversible: restoring a masked text gives the original', () => {
    const p = new Pseudonymizer(new Set(['PERSON', 'ORG', 'GPE']));
    const masked = p.mask(SELECTION, spans(SELECTION, NAMES));
    assert.ok(!masked.includes('Lovelace') && !masked.includes('London'));
    assert.equal(p.restore(masked), SELECTION);
  });
  it('never collides with text that already holds bracketed placeholders, and leaves those alone', () => {
    const text = 'Note [PERSON_1] and [ORG_1] are literal. Ada Lovelace met [x] at Cambridge University [PERSON_2].';
    const p = new Pseudonymizer(new Set(['PERSON', 'ORG']), [text, 'follow-up mentions [PERSON_3]']);
    const masked = p.mask(text, spans(text, NAMES));
    assert.equal(masked, 'Note [PERSON_1] and [ORG_1] are literal. [PERSON_4] met [x] at [ORG_2] [PERSON_2].');
    assert.equal(p.restore(masked), text, 'the literal look-alikes come back unchanged');
    assert.equal(p.restore('[PERSON_4], [PERSON_9] and [ORG_2]'), 'Ada Lovelace, [PERSON_9] and Cambridge University');
  });
  it('keeps the longest name where spans overlap', () => {
    const p = new Pseudonymizer(new Set(['PERSON']));
    p.placeholderFor('Ada', 'PERSON');
    const text = 'Ada Lovelace and Ada.';
    assert.equal(p.mask(text, spans(text, { 'Ada Lovelace': 'PERSON' })), '[PERSON_2] and [PERSON_1].');
  });
});

describe('StreamRestorer', () => {
  it('restores a placeholder split across pieces, holding back only what could still become one', () => {
    const p = new Pseudonymizer(new Set(['PERSON']));
    p.placeholderFor('Ada Lovelace', 'PERSON');
    const r = new StreamRestorer((t) => p.restore(t));
    const out = [r.push('Hello [PERS'), r.push('ON_1], see [link'), r.push('] and [PERSON_'), r.push('1]!'), r.flush()];
    // "[link" cannot become a placeholder (lower case): it is not held back.
    assert.deepEqual(out, ['Hello ', 'Ada Lovelace, see [link', '] and ', 'Ada Lovelace!', '']);
    const cut = new StreamRestorer((t) => p.restore(t));
    assert.equal(cut.push('tail [PERSON'), 'tail ');
    assert.equal(cut.flush(), '[PERSON', 'an unfinished tail is given back at the end');
  });
});

describe('tagger spans across lines', () => {
  it('cuts a span at line breaks: two names in a list are two placeholders', () => {
    const p = new Pseudonymizer(new Set(['PERSON']));
    const text = 'People:\nAda Lovelace\nCharles Babbage';
    const start = text.indexOf('Ada');
    assert.equal(p.mask(text, [{ start, end: text.length, text: text.slice(start), label: 'PERSON' }]), 'People:\n[PERSON_1]\n[PERSON_2]');
  });
});
