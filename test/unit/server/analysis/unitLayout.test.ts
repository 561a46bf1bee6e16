// Units after an edit (unitLayout.ts, documentState.proseOf): equal to units cut from scratch, and
// which of them an edit makes new (re-sent to the sidecar): the edited unit, a neighbour whose
// context reaches the edit (its core unchanged), nothing for an edit that leaves the text as it was.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTEXT_WORDS, type AnalysisUnit } from '../../../../server/src/analysis/analysisUnits';
import { proseOf } from '../../../../server/src/analysis/documentState';

const core = (unit: AnalysisUnit): string => unit.text.slice(unit.coreFrom, unit.coreTo);
const shape = (unit: AnalysisUnit): string => JSON.stringify([unit.start, unit.text, unit.coreFrom, unit.coreTo, unit.runs, unit.cuts]);

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const WORDS = ['Ada', 'Lovelace', 'met', 'Charles', 'Babbage', 'in', 'London', 'on', 'Monday.', 'The', 'engine', 'was', 'never', 'built.'];

function document(rand: () => number, paragraphs: number): string {
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const length = 2 + Math.floor(rand() * 80);
    const words = Array.from({ length }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    if (rand() < 0.2) words.splice(1, 0, 'https://example.org/x');
    out.push(rand() < 0.3 ? `# ${words.join(' ')}` : words.join(' '));
  }
  return out.join(rand() < 0.5 ? '\n\n' : '\n\n\n');
}

/** One paragraph of sentences, long enough to be cut into several windows. */
const long = (name: string): string =>
  Array.from({ length: 9 }, (_, k) => `Sentence number ${k} tells how ${name} read the notes again that evening.`).join(' ');

describe('unit layout after an edit', () => {
  it('equals the units cut from scratch, over random edits of plain text and Markdown', () => {
    for (const languageId of ['plaintext', 'markdown']) {
      const rand = random(languageId.length);
      let text = document(rand, 40);
      let prose = proseOf(text, languageId);
      for (let round = 0; round < 150; round++) {
        const at = Math.floor(rand() * text.length);
        const cut = Math.floor(rand() * 12);
        const insert = ['', ' ', 'Grace Hopper ', '\n\n', 'x', 'https://a.b/c ', '. New'][Math.floor(rand() * 7)];
        text = text.slice(0, at) + insert + text.slice(at + (rand() < 0.5 ? cut : 0));
        prose = proseOf(text, languageId, prose);
        const fresh = proseOf(text, languageId);
        assert.deepEqual(prose.blocks.map(shape), fresh.blocks.map(shape), `${languageId}, edit ${round} at ${at}`);
      }
    }
  });

  it('re-sends only the edited unit for an edit in the middle of a unit', () => {
    const paragraphs = [long('Ada'), long('Charles'), long('Grace')];
    const before = proseOf(paragraphs.join('\n\n'), 'plaintext');
    const middle = paragraphs[1].indexOf('Sentence number 4');
    paragraphs[1] = `${paragraphs[1].slice(0, middle)}Sentence number 4 tells how Alan Turing${paragraphs[1].slice(middle + 'Sentence number 4 tells how Charles'.length)}`;
    const after = proseOf(paragraphs.join('\n\n'), 'plaintext', before);
    assert.equal(after.changed.length, 1, 'one unit re-sent');
    const edited = after.blocks[after.changed[0]];
    assert.match(core(edited), /Alan Turing/);
    assert.equal(after.layout.origin[after.changed[0]], -1, 'its core is new');
    assert.ok(before.blocks.length > 6, 'the paragraphs are cut into several windows each');
  });

  it('re-sends a neighbour whose context reaches the edit, marked as one whose core is unchanged', () => {
    const paragraphs = [long('Ada'), long('Charles')];
    const before = proseOf(paragraphs.join('\n\n'), 'plaintext');
    // The first words of the second paragraph are context of the first paragraph's last unit (a
    // short word: a longer one would move the second paragraph's sentence windows, sentenceWindows.ts).
    paragraphs[1] = `So ${paragraphs[1]}`;
    const after = proseOf(paragraphs.join('\n\n'), 'plaintext', before);
    assert.equal(after.changed.length, 2, 'the edited unit and the one before it');
    const [neighbour, edited] = after.changed;
    assert.equal(edited, neighbour + 1);
    assert.match(core(after.blocks[edited]), /^So Sentence/);
    assert.equal(after.layout.origin[edited], -1);
    const origin = after.layout.origin[neighbour];
    assert.ok(origin >= 0, 'the neighbour has a counterpart before the edit');
    assert.equal(core(after.blocks[neighbour]), core(before.blocks[origin]), 'with the same core');
    assert.match(after.blocks[neighbour].text.slice(after.blocks[neighbour].coreTo), /^\s+So Sentence/, 'its context changed');
    // More than CONTEXT_WORDS from either cut, the neighbours are left alone.
    const far = proseOf(paragraphs.join('\n\n').replace('number 1 tells how Charles', 'number 1 tells how Charlie'), 'plaintext', after);
    assert.equal(far.changed.length, 1, 'an edit past the context re-sends its own unit only');
    const unit = far.blocks[far.changed[0]];
    assert.ok(unit.text.slice(0, unit.coreFrom).split(/\s+/).length <= CONTEXT_WORDS + 1);
  });

  it('re-sends nothing for an edit that leaves the text as it was', () => {
    const text = [long('Ada'), long('Charles')].join('\n\n');
    const before = proseOf(text, 'plaintext');
    const after = proseOf(`${text.slice(0, 100)}${text.slice(100)}`, 'plaintext', before);
    assert.deepEqual(after.changed, []);
    assert.ok(
      after.blocks.every((unit, i) => unit.text === before.blocks[i].text),
      'every unit is the one before',
    );
  });
});
