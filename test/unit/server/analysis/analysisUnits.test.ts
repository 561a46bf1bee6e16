// Units of prose with context (analysisUnits.ts): how much context, where it stops, and that a
// name across a cut is kept once, whole, by the unit whose core holds its start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  analysisUnits,
  CJK_CHARS_PER_WORD,
  CONTEXT_WORDS,
  wordsAfter,
  wordsBefore,
  type AnalysisUnit,
} from '../../../../server/src/analysis/analysisUnits';
import { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import { DocumentRun } from '../../../../server/src/analysis/documentRun';
import { allInteractive } from '../../../../server/src/analysis/priorities';
import { extractProse } from '../../../../server/src/text/proseExtractor';
import type { Entity } from '../../../../server/src/protocol/sidecar';

const SMALL = { words: 3, min: 20, max: 40 };
const core = (unit: AnalysisUnit): string => unit.text.slice(unit.coreFrom, unit.coreTo);
const before = (unit: AnalysisUnit): string => unit.text.slice(0, unit.coreFrom);
const after = (unit: AnalysisUnit): string => unit.text.slice(unit.coreTo);
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function unitsOf(text: string, languageId: string, sizes = SMALL): AnalysisUnit[] {
  return analysisUnits(extractProse(text, languageId).blocks, text, languageId === 'plaintext', sizes);
}

describe('analysis units', () => {
  it('counts words back and forth across white space of any kind', () => {
    assert.deepEqual(wordsBefore('one two\n\nthree four', 15, 2), { start: 4, missing: 0 });
    assert.deepEqual(wordsBefore('one two', 7, 5), { start: 0, missing: 3 });
    assert.deepEqual(wordsAfter('one two\n\nthree four', 3, 2), { end: 14, missing: 0 });
    assert.deepEqual(wordsAfter('one', 0, 2), { end: 3, missing: 1 });
  });

  it('counts Japanese and Chinese, written without spaces, as a word every few characters', () => {
    const japanese = '山田さんは東京で働いています。田中さんは大阪に住んでいます。'; // 30 characters, no space
    assert.equal(CJK_CHARS_PER_WORD, 6);
    assert.deepEqual(wordsBefore(japanese, japanese.length, 2), { start: japanese.length - 12, missing: 0 });
    assert.deepEqual(wordsAfter(japanese, 0, 3), { end: 18, missing: 0 });
    assert.deepEqual(wordsAfter(japanese, 0, 6), { end: 30, missing: 1 });
    // Latin letters inside a run are read with it and do not count: "Debian" is part of the first word.
    assert.deepEqual(wordsAfter('Debianは自由なOSですから', 0, 1), { end: 14, missing: 0 });
    assert.deepEqual(wordsAfter('北京欢迎你 Beijing', 0, 2), { end: 13, missing: 0 });
  });

  it('gives a paragraph of a plain-text Japanese manuscript a few characters of its neighbours, not whole paragraphs', () => {
    const paragraph = (n: number) =>
      `第${n}章。山田さんは東京で働いていますが、毎年の夏には家族と一緒に京都の祖母の家へ行きます。田中さんは大阪に住んでいて、春には奈良へ行きます。`;
    const text = Array.from({ length: 12 }, (_, n) => paragraph(n + 1)).join('\n\n');
    const units = analysisUnits(extractProse(text, 'plaintext').blocks, text, true);
    const middle = units[6];
    assert.equal(core(middle), paragraph(7));
    // CONTEXT_WORDS words of CJK_CHARS_PER_WORD characters each side (the blank lines between are read as they are).
    const cjk = (part: string) => [...part].filter((c) => /[\u3000-\u30ff\u3400-\u9fff]/.test(c)).length;
    assert.equal(cjk(before(middle)), CONTEXT_WORDS * CJK_CHARS_PER_WORD);
    assert.equal(cjk(after(middle)), CONTEXT_WORDS * CJK_CHARS_PER_WORD);
    const sent = units.reduce((sum, unit) => sum + unit.text.length, 0);
    assert.ok(sent < 2.5 * text.length, `sent ${sent} characters for ${text.length}`);
  });

  it('gives each window of a long block its context words on both sides, the cores covering the prose once', () => {
    const text = 'Angela Merkel visited Berlin today. Barack Obama stayed home again. Nobody went anywhere else.';
    const units = unitsOf(text, 'markdown');
    assert.deepEqual(units.map(core), [
      'Angela Merkel visited Berlin today.',
      'Barack Obama stayed home again.',
      'Nobody went anywhere else.',
    ]);
    assert.equal(before(units[0]), '');
    assert.equal(words(after(units[0])), 3);
    assert.equal(before(units[1]), 'visited Berlin today. ');
    assert.equal(after(units[1]), ' Nobody went anywhere');
    assert.equal(words(before(units[2])), 3);
    assert.equal(after(units[2]), '');
    for (const unit of units) assert.equal(text.slice(unit.start, unit.start + unit.text.length), unit.text, 'a slice of the document');
  });

  it('in plain text reads context across blank lines, as nlp(document) does; in Markdown a block stands alone', () => {
    const text = 'A quote about work.\n\n-- Quigley\n\nAnother short one here.';
    const plain = unitsOf(text, 'plaintext');
    assert.deepEqual(plain.map(core), ['A quote about work.', '-- Quigley', 'Another short one here.']);
    assert.equal(plain[1].text, 'quote about work.\n\n-- Quigley\n\nAnother short one');
    assert.equal(before(plain[1]), 'quote about work.\n\n');
    const markdown = unitsOf(text, 'markdown');
    assert.deepEqual(
      markdown.map((u) => [before(u), core(u), after(u)]),
      [
        ['', 'A quote about work.', ''],
        ['', '-- Quigley', ''],
        ['', 'Another short one here.', ''],
      ],
    );
  });

  it('uses at least twice the receptive field of the pipeline (4 tokens each side) by default', () => {
    assert.ok(CONTEXT_WORDS >= 8);
    const sentence = 'Nobody went anywhere else that day. ';
    const text = sentence.repeat(40);
    const units = unitsOf(text, 'plaintext', { words: CONTEXT_WORDS, min: 150, max: 300 });
    assert.ok(units.length > 2);
    assert.equal(words(before(units[1])), CONTEXT_WORDS);
    assert.equal(words(after(units[1])), CONTEXT_WORDS);
  });

  it('keeps a name across a cut once, whole, where its core holds its start', async () => {
    const text = 'We walked a long way today. Angela Merkel arrived. Then we all went home.';
    // Two units cut inside the name (sentence windows never cut there; a 4,000-character piece may).
    const split = text.indexOf(' Merkel');
    const left: AnalysisUnit = { start: 0, text: text.slice(0, split + 14), runs: [0, 0], cuts: [], coreFrom: 0, coreTo: split };
    const right: AnalysisUnit = {
      start: 10,
      text: text.slice(10),
      runs: [0, 0],
      cuts: [],
      coreFrom: split + 1 - 10,
      coreTo: text.length - 10,
    };
    // The model sees the whole name in both units (context), as nlp(text) does.
    const analyze = async (texts: string[]): Promise<Entity[][]> =>
      texts.map((t) => {
        const at = t.indexOf('Angela Merkel');
        return at === -1 ? [] : [{ label: 'PERSON', text: 'Angela Merkel', start: at, end: at + 13 }];
      });
    const run = new DocumentRun({
      uri: 'file:///cut.txt',
      version: 1,
      blocks: [left, right],
      cache: new AnalysisCache(analyze),
      priorityOf: allInteractive,
      visible: () => true,
    });
    const entities = await run.done;
    assert.deepEqual(entities, [
      { label: 'PERSON', text: 'Angela Merkel', start: text.indexOf('Angela'), end: text.indexOf('Angela') + 13 },
    ]);
  });
});
