import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GFM, parser } from '@lezer/markdown';
import { MathSyntax } from '../../../../server/src/text/mathSyntax';

const markdown = parser.configure([GFM, MathSyntax]);

/** The math nodes of `text`, as [name, source text]. */
function math(text: string): [string, string][] {
  const found: [string, string][] = [];
  markdown.parse(text).iterate({
    enter(node) {
      if (node.name === 'MathBlock' || node.name === 'InlineMath') found.push([node.name, text.slice(node.from, node.to)]);
    },
  });
  return found;
}

describe('MathSyntax', () => {
  it('fences $$ blocks like code: blank lines inside, a closing fence at least as long', () => {
    assert.deepEqual(math('$$$\na\n\n$$\nb\n$$$\nafter'), [['MathBlock', '$$$\na\n\n$$\nb\n$$$']]);
    assert.deepEqual(math('Text\n$$\nx\n$$'), [['MathBlock', '$$\nx\n$$']], 'interrupts a paragraph');
    assert.deepEqual(math('$$\nnever closed\n\nstill math'), [['MathBlock', '$$\nnever closed\n\nstill math']]);
    assert.deepEqual(math('    $$\n    x'), [], 'indented four spaces: code, not math');
  });

  it('ends a block with the list item or quote it is in', () => {
    assert.deepEqual(math('- $$\n  x\n\nout'), [['MathBlock', '$$\n  x\n']]);
    assert.deepEqual(math('> $$\n> x\n\nout $y$'), [
      ['MathBlock', '$$\n> x'],
      ['InlineMath', '$y$'],
    ]);
  });

  it('takes $...$ and $$...$$ inline, not dollar amounts or escaped dollars', () => {
    assert.deepEqual(math('Let $x^2$ and $$\\sum_i$$ be.'), [
      ['InlineMath', '$x^2$'],
      ['InlineMath', '$$\\sum_i$$'],
    ]);
    assert.deepEqual(math('$$ a + b $$ on one line'), [['InlineMath', '$$ a + b $$']]);
    assert.deepEqual(math('It cost $5 to $10, then $ 3 $ and \\$x$.'), []);
    assert.deepEqual(math('`$x$` is code'), []);
  });

  it('reads a paragraph of unclosed dollars in one pass', () => {
    const text = '$a '.repeat(50_000);
    assert.deepEqual(math(text), []);
    assert.deepEqual(math(`$b$ ${text}`), [['InlineMath', '$b$']]);
  });
});
