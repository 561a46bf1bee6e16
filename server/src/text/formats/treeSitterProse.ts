// What the tree-sitter extractors share: a parse bounded in time (a piece that takes longer sends
// nothing rather than junk), and a walk that keeps the text between syntax nodes.
import type { Node, Tree } from 'web-tree-sitter';
import type { ProseBuilder } from '../proseBuilder';
import { treeSitterParser, type TreeSitterFormat } from './parsers';

/** Longest a piece may take to parse. tree-sitter is linear; this only stops a pathological case. */
export const PARSE_BUDGET_MS = 2000;
/** Deeper nesting than this is not walked (a hostile `{{{{…}}}}` must not exhaust the stack). */
export const MAX_DEPTH = 200;

/** The tree of `text`, or undefined when parsing ran out of its budget. The caller deletes it. */
export function parseBounded(format: TreeSitterFormat, text: string): Tree | undefined {
  const deadline = performance.now() + PARSE_BUDGET_MS;
  // The callback's declared return type is void, yet `true` cancels the parse (documented).
  const progressCallback = (() => performance.now() > deadline) as () => void;
  return treeSitterParser(format).parse(text, null, { progressCallback }) ?? undefined;
}

/** Blank lines and table cell separators in a gap of text between nodes. */
const BREAKS = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)|&/g;

/**
 * Keeps source[from, to) — text between syntax nodes — splitting blocks at blank lines (and at
 * `&` when `cells`), or drops it as a cut when it holds syntax (`syntax` matches it).
 */
export function keepGap(builder: ProseBuilder, source: string, from: number, to: number, syntax: RegExp, cells: boolean): void {
  if (from >= to) return;
  const gap = source.slice(from, to);
  if (syntax.test(gap)) {
    builder.cut();
    if (/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/.test(gap)) builder.endBlock();
    return;
  }
  let at = from;
  BREAKS.lastIndex = 0;
  for (let match = BREAKS.exec(gap); match !== null; match = BREAKS.exec(gap)) {
    if (match[0] === '&' && !cells) continue;
    builder.keep(at, from + match.index);
    builder.endBlock();
    at = from + match.index + match[0].length;
  }
  builder.keep(at, to);
}

/** The text of a node's child of type `type`, if any. */
export function childText(node: Node, type: string): string | undefined {
  for (const child of node.children) if (child.type === type) return child.text;
  return undefined;
}
