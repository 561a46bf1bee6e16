// Names into spell checkers' dictionaries: which words, only new ones, and each tool's file kept
// as it was around the words added.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addLines,
  addToJsonList,
  addToYamlWords,
  dictionaryPathIn,
  jsonValueAt,
  lineWords,
  yamlWords,
} from '../../../client/src/dictionaries/dictionaryFiles';
import { newWords, wordsOfNames } from '../../../client/src/dictionaries/dictionaryWords';

describe('names as dictionary words', () => {
  it('splits names into their capitalised words, once each, possessives and connectives aside', () => {
    assert.deepEqual(wordsOfNames(['Ada Lovelace', 'Bank of England', "Babbage's", 'Jean-Luc Picard', 'Lovelace', '£17,000', 'the Moon']), [
      'Ada',
      'Lovelace',
      'Bank',
      'England',
      'Babbage',
      'Jean',
      'Luc',
      'Picard',
      'Moon',
    ]);
  });

  it('keeps only the words a dictionary lacks, ignoring case where the tool does', () => {
    assert.deepEqual(newWords(['lovelace', 'Ada'], ['Ada', 'Lovelace', 'Babbage', 'Babbage'], true), ['Babbage']);
    assert.deepEqual(newWords(['lovelace'], ['Lovelace'], false), ['Lovelace']);
  });
});

describe("spell checkers' files", () => {
  it('adds to cspell.json (JSONC) without touching its comments or other keys', () => {
    const before =
      '// cSpell Settings\n{\n  "version": "0.2",\n  // words - list of words to be always considered correct\n  "words": ["samsara"],\n  "language": "en"\n}\n';
    const after = addToJsonList(before, ['words'], ['Lovelace', 'Babbage']);
    assert.deepEqual(jsonValueAt(after, ['words']), ['samsara', 'Lovelace', 'Babbage']);
    assert.ok(after.startsWith('// cSpell Settings\n{\n  "version": "0.2",\n  // words - list'));
    assert.ok(after.endsWith('"language": "en"\n}\n'));
  });

  it('creates the list (or the file) where there is none, with flat settings keys', () => {
    const settings = addToJsonList('{\n  "editor.wordWrap": "on"\n}\n', ['cSpell.words'], ['Lovelace']);
    assert.deepEqual(jsonValueAt(settings, ['cSpell.words']), ['Lovelace']);
    assert.equal(jsonValueAt(settings, ['editor.wordWrap']), 'on');
    const ltex = addToJsonList('', ['ltex.dictionary', 'en-US'], ['Lovelace']);
    assert.deepEqual(JSON.parse(ltex), { 'ltex.dictionary': { 'en-US': ['Lovelace'] } });
  });

  it("adds to a YAML cSpell configuration's words, comments kept", () => {
    const after = addToYamlWords('# project words\nversion: "0.2"\nwords:\n  - samsara # ours\n', ['Lovelace']);
    assert.deepEqual(yamlWords(after), ['samsara', 'Lovelace']);
    assert.match(after, /# project words/);
    assert.match(after, /samsara # ours/);
  });

  it("appends lines to Harper's word list", () => {
    assert.equal(addLines('Samsara', ['Lovelace', 'Babbage']), 'Samsara\nLovelace\nBabbage\n');
    assert.equal(addLines('', ['Lovelace']), 'Lovelace\n');
    assert.deepEqual(lineWords('Samsara\r\n\r\n Lovelace \n'), ['Samsara', 'Lovelace']);
  });
});

// Issue 20, attack 7: `harper.workspaceDictPath: ../../x` or an absolute path was written to as given.
describe('dictionary paths stay in the workspace', () => {
  it('takes a path inside the folder, and refuses absolute ones and ones that climb out', () => {
    assert.deepEqual(dictionaryPathIn('words/harper.txt', '.harper-dictionary.txt'), { file: 'words/harper.txt' });
    assert.deepEqual(dictionaryPathIn('./a/../b.txt', '.harper-dictionary.txt'), { file: 'b.txt' });
    assert.deepEqual(dictionaryPathIn(undefined, '.harper-dictionary.txt'), { file: '.harper-dictionary.txt' });
    for (const bad of ['../../x', 'a/../../x', '/etc/passwd', 'C:\\Windows\\x', '\\\\server\\share\\x', '~/.bashrc', '.']) {
      const result = dictionaryPathIn(bad, '.harper-dictionary.txt');
      assert.equal(result.file, '.harper-dictionary.txt', bad);
      assert.match(result.problem ?? '', /harper\.workspaceDictPath/, bad);
    }
  });
});
