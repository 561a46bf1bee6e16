// Prose of a piece of reStructuredText, from tree-sitter-rst's syntax tree (the grammar Neovim
// uses; its .wasm ships in the tree-sitter-rst package). Kept: paragraphs, section titles, list
// items, definitions, footnotes, block quotes, table cells, and the body of admonitions (`.. note::`,
// parsed again as reStructuredText). Dropped: other directives (their arguments, options and
// content: code, images), literal and doctest blocks, comments, targets, substitution
// definitions, field lists (document metadata), inline literals, roles other than text ones, and
// the targets of references (`text <url>`_ keeps "text").
import type { Node } from 'web-tree-sitter';
import type { ProseBlock } from '../proseBlock';
import { ProseBuilder } from '../proseBuilder';
import { MAX_DEPTH, parseBounded } from './treeSitterProse';

const CONTAINERS = new Set([
  'document',
  'section',
  'block_quote',
  'bullet_list',
  'enumerated_list',
  'definition_list',
  'list_item',
  'body',
  'footnote',
  'citation',
  'definition',
  'line_block',
  'attribution',
]);
/** Blocks of inline content, each a prose block. */
const INLINE_BLOCKS = new Set(['paragraph', 'title', 'term', 'line', 'classifier']);
/** Directives whose content is prose. */
const ADMONITIONS = new Set([
  'note',
  'warning',
  'tip',
  'hint',
  'important',
  'caution',
  'danger',
  'error',
  'attention',
  'admonition',
  'seealso',
  'topic',
  'sidebar',
  'epigraph',
  'highlights',
  'pull-quote',
  'rubric',
  'versionadded',
  'versionchanged',
  'deprecated',
]);
/** Roles whose text is words a reader reads (`:ref:`, a cross-reference, shows its text). */
const TEXT_ROLES = new Set([
  ':ref:',
  ':doc:',
  ':term:',
  ':abbr:',
  ':title-reference:',
  ':emphasis:',
  ':strong:',
  ':title:',
  ':dfn:',
  ':t:',
]);
/** How deep admonitions are parsed again inside admonitions. */
const MAX_NESTED = 3;

export function rstProse(source: string): ProseBlock[] {
  const builder = new ProseBuilder(source);
  if (!new Walker(source, builder).document(0, source.length, 0)) return [];
  return builder.finish();
}

class Walker {
  constructor(
    private readonly source: string,
    private readonly builder: ProseBuilder,
  ) {}

  /** Walks source[from, to) parsed on its own; false when the parse ran out of its budget. */
  document(from: number, to: number, nesting: number): boolean {
    const tree = parseBounded('restructuredtext', from === 0 && to === this.source.length ? this.source : this.source.slice(from, to));
    if (!tree) return false;
    try {
      this.block(tree.rootNode, from, 0, nesting);
    } finally {
      tree.delete();
    }
    return true;
  }

  private block(node: Node, base: number, depth: number, nesting: number): void {
    if (depth > MAX_DEPTH) return;
    const type = node.type;
    if (CONTAINERS.has(type)) {
      for (const child of node.namedChildren) if (child) this.block(child, base, depth + 1, nesting);
    } else if (INLINE_BLOCKS.has(type)) {
      if (type === 'paragraph' && this.table(base + node.startIndex, base + node.endIndex)) return;
      this.inline(node, base);
      this.builder.endBlock();
    } else if (type === 'directive' && nesting < MAX_NESTED) {
      const name = node.childForFieldName('name')?.text ?? node.namedChildren.find((child) => child?.type === 'type')?.text ?? '';
      const content = node.descendantsOfType('content')[0];
      if (!ADMONITIONS.has(name.toLowerCase()) || !content) return;
      // From the start of the content's first line, so that every line keeps its indent.
      const lineStart = this.source.lastIndexOf('\n', base + content.startIndex - 1) + 1;
      this.document(lineStart, base + content.endIndex, nesting + 1);
    }
  }

  /** The inline content of `node`: the text between its children, and each child by kind. */
  private inline(node: Node, base: number): void {
    let at = node.startIndex;
    for (const child of node.namedChildren) {
      if (!child) continue;
      this.keep(base + at, base + child.startIndex);
      this.child(child, base);
      at = child.endIndex;
    }
    this.keep(base + at, base + node.endIndex);
  }

  private child(node: Node, base: number): void {
    const from = base + node.startIndex;
    const to = base + node.endIndex;
    switch (node.type) {
      case 'emphasis':
        return this.keep(from + 1, to - 1);
      case 'strong':
        return this.keep(from + 2, to - 2);
      case 'interpreted_text': {
        const role = node.namedChildren.find((child) => child?.type === 'role');
        if (role && !TEXT_ROLES.has(role.text)) return this.builder.cut();
        return this.quoted(from, to);
      }
      case 'reference':
      case 'target':
        return this.quoted(from, to);
      default:
        this.builder.cut();
    }
  }

  /** The words of `` `text <target>`_ `` or `word_`: between the backticks, before ` <`. */
  private quoted(from: number, to: number): void {
    const text = this.source.slice(from, to);
    const open = text.indexOf('`');
    const close = text.lastIndexOf('`');
    if (open < 0 || close <= open) {
      const word = /^[^_]*/.exec(text)?.[0] ?? '';
      this.builder.cut();
      this.keep(from, from + word.length);
      return;
    }
    const inner = text.slice(open + 1, close);
    const target = /\s<[^<>]*>$/.exec(inner);
    this.builder.cut();
    this.keep(from + open + 1, from + open + 1 + (target ? target.index : inner.length));
    this.builder.cut();
  }

  /** A grid or simple table the grammar reads as a paragraph: each cell a block. */
  private table(from: number, to: number): boolean {
    const text = this.source.slice(from, to);
    const grid = /^\+[-=+]+\+[ \t]*$/m.test(text.split(/\r\n|\r|\n/)[0]);
    const simple = /^=+(?:[ \t]+=+)+[ \t]*$/.test(text.split(/\r\n|\r|\n/)[0]);
    if (!grid && !simple) return false;
    const lines = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
    for (let line = lines.exec(text); line !== null && line[0].length > 0; line = lines.exec(text)) {
      const start = from + line.index;
      const content = line[0].replace(/[\r\n]+$/, '');
      if (/^[+=\-\s|]*$/.test(content) || /^\+[-=+]+\+/.test(content)) continue;
      const cells = grid ? /[^|]+/g : /\S+(?: \S+)*/g;
      for (let cell = cells.exec(content); cell !== null; cell = cells.exec(content)) {
        this.keep(start + cell.index, start + cell.index + cell[0].length);
        this.builder.endBlock();
      }
    }
    return true;
  }

  private keep(from: number, to: number): void {
    if (from < to) this.builder.keep(from, to);
  }
}
