// Math for the Markdown parser, which has none built in: `$$` blocks fenced like code (as
// micromark-extension-math has them: an opening fence of two or more `$` with no `$` after it, a
// closing fence at least as long, blank lines allowed in between), and inline `$...$` / `$$...$$`.
// Single-dollar math follows Pandoc's rule, not micromark's, and is stricter still about amounts:
// the opening `$` has a non-space on its right that is not a digit, the closing one a non-space
// on its left and no digit after it. So "from $5 to $10" and "$5 to $10, $x$" stay prose (their
// MONEY entities with them) where micromark would take "$5 to $" for math.
import type { BlockContext, Element, InlineContext, Line, MarkdownConfig } from '@lezer/markdown';
import { TextExtractionError } from './textErrors';

const DOLLAR = 36;
const BACKSLASH = 92;

export const MathSyntax: MarkdownConfig = {
  defineNodes: [{ name: 'MathBlock', block: true }, 'MathMark', 'InlineMath'],
  parseBlock: [
    {
      name: 'MathBlock',
      before: 'FencedCode',
      parse: parseMathBlock,
      // Like a code fence, a math fence interrupts a paragraph.
      endLeaf: (_cx: BlockContext, line: Line) => mathFence(line) > 0,
    },
  ],
  parseInline: [{ name: 'InlineMath', after: 'InlineCode', parse: parseInlineMath }],
};

/** Length of the `$$` fence that opens `line`, or -1. */
function mathFence(line: Line): number {
  if (line.next !== DOLLAR || line.indent - line.baseIndent >= 4) return -1;
  let end = line.pos;
  while (line.text.charCodeAt(end) === DOLLAR) end++;
  if (end - line.pos < 2 || line.text.indexOf('$', end) >= 0) return -1;
  return end - line.pos;
}

function parseMathBlock(cx: BlockContext, line: Line): boolean {
  const size = mathFence(line);
  if (size < 0) return false;
  const from = cx.lineStart + line.pos;
  const marks: Element[] = [cx.elt('MathMark', from, from + size)];
  const depth = cx.depth;
  while (cx.nextLine() && lineDepth(line) >= depth) {
    marks.push(...line.markers);
    let end = line.pos;
    if (line.indent - line.baseIndent < 4) while (line.text.charCodeAt(end) === DOLLAR) end++;
    if (end - line.pos >= size && line.skipSpace(end) === line.text.length) {
      marks.push(cx.elt('MathMark', cx.lineStart + line.pos, cx.lineStart + end));
      cx.nextLine();
      break;
    }
  }
  cx.addElement(cx.elt('MathBlock', from, cx.prevLineEnd(), marks));
  return true;
}

/**
 * How many enclosing blocks (list items, quotes) continue on `line`. The parser keeps this on
 * Line without declaring it; its own fenced code reads it to end a fence with its list item, and
 * a math fence must end the same way.
 */
function lineDepth(line: Line): number {
  const depth: unknown = Reflect.get(line, 'depth');
  if (typeof depth !== 'number')
    throw new TextExtractionError('@lezer/markdown no longer tracks Line.depth; the math block parser needs it');
  return depth;
}

/**
 * Per paragraph, the opening `$` from which a search found no closing one: none follows any later
 * `$` either, and remembering it keeps a paragraph of unclosed dollars linear, not quadratic.
 */
const noCloserAfter = new WeakMap<InlineContext, number>();

function parseInlineMath(cx: InlineContext, next: number, start: number): number {
  if (next !== DOLLAR) return -1;
  if (cx.char(start + 1) === DOLLAR) {
    const close = cx.slice(start + 2, cx.end).indexOf('$$');
    return close < 0 ? -1 : cx.addElement(cx.elt('InlineMath', start, start + close + 4));
  }
  if (isBlank(cx.char(start + 1)) || isDigit(cx.char(start + 1))) return -1;
  if (start > (noCloserAfter.get(cx) ?? cx.end)) return -1;
  for (let pos = start + 1; pos < cx.end; pos++) {
    const code = cx.char(pos);
    if (code === BACKSLASH) pos++;
    else if (code === DOLLAR && !isBlank(cx.char(pos - 1)) && !isDigit(cx.char(pos + 1))) {
      return cx.addElement(cx.elt('InlineMath', start, pos + 1));
    }
  }
  noCloserAfter.set(cx, start);
  return -1;
}

function isBlank(code: number): boolean {
  return code < 0 || code === 32 || code === 9 || code === 10;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
