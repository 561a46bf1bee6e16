// The options of `samsara entities`: defaults, lists, and a usage error naming the option for
// every bad value (never a run with a guess).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEntitiesOptions } from '../../../cli/src/commands/entitiesOptions';
import { UsageError } from '../../../cli/src/cliContext';

describe('samsara entities options', () => {
  it('has defaults for everything but the paths', () => {
    const o = parseEntitiesOptions(['book', 'notes.txt']);
    assert.deepEqual(o.paths, ['book', 'notes.txt']);
    assert.equal(o.format, 'jsonl');
    assert.equal(o.workers, 'auto');
    assert.deepEqual(o.languages, ['plaintext', 'markdown', 'latex', 'tex', 'restructuredtext', 'typst', 'asciidoc', 'org']);
    assert.equal(o.gitignore, true);
    assert.equal(o.hidden.size, 0);
  });

  it('reads lists and numbers', () => {
    const o = parseEntitiesOptions([
      '--format',
      'csv',
      '--workers',
      '2',
      '--hide',
      'cardinal, ORDINAL',
      '--no-gitignore',
      '--languages',
      'markdown',
      'x',
    ]);
    assert.equal(o.format, 'csv');
    assert.equal(o.workers, 2);
    assert.deepEqual([...o.hidden], ['CARDINAL', 'ORDINAL']);
    assert.equal(o.gitignore, false);
    assert.deepEqual(o.languages, ['markdown']);
  });

  it('names the option of a bad value', () => {
    const bad: [string[], RegExp][] = [
      [[], /at least one file or folder/],
      [['--format', 'xml', 'x'], /--format expects jsonl or csv/],
      [['--workers', '0', 'x'], /--workers expects an integer >= 1/],
      [['--workers', '17', 'x'], /--workers expects at most 16/],
      [['--max-file-size', 'big', 'x'], /--max-file-size expects an integer/],
      [['--languages', ',', 'x'], /--languages expects at least one/],
      [['--colour', 'x'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of bad)
      assert.throws(
        () => parseEntitiesOptions(args),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
      );
  });
});
