// Prose of a piece of Markdown, from its syntax tree (@lezer/markdown with GFM and math: exact
// source positions for every node, inline ones included). Each paragraph, heading, table cell and
// task item is a block of its own: spaCy then never runs a name from one cell or list line into
// the next. Within one, the text between syntax nodes is kept; marks (`**`, `[`, `](url)`, `>`)
// vanish, and code, HTML tags, URLs and math are cut out (see ProseBuilder).
// Kept: paragraphs, headings, emphasis, link text, image alt text (words a reader reads, often
// naming who is pictured), list items, block quotes, table cells. Skipped: fenced and indented
// code, inline code, HTML blocks and tags, autolinks and bare URLs, link destinations and titles,
// reference definitions, footnote labels, math. Front matter is the caller's (it exists only at
// the very start of a document).
import type { TreeCursor } from '@lezer/common';
import { GFM, parser } from '@lezer/markdown';
import { toLf, type LfText } from './lineEnds';
import { LongParagraphs } from './longParagraphs';
import { MathSyntax } from './mathSyntax';
import type { ProseBlock } from './proseBlock';
import { ProseBuilder } from './proseBuilder';

const markdown = parser.configure([GFM, MathSyntax, LongParagraphs]);

/** Blocks of inline content: each becomes one prose block. */
const INLINE_BLOCKS = new Set([
  'Paragraph',
  'ATXHeading1',
  'ATXHeading2',
  'ATXHeading3',
  'ATXHeading4',
  'ATXHeading5',
  'ATXHeading6',
  'SetextHeading1',
  'SetextHeading2',
  'TableCell',
  'Task',
]);
/** Blocks that hold other blocks. Any block in neither set (code, HTML, definitions, math) is skipped. */
const CONTAINERS = new Set(['Document', 'BulletList', 'OrderedList', 'ListItem', 'Blockquote', 'Table', 'TableHeader', 'TableRow']);
/** Inline nodes whose content is prose. */
const PROSE_INLINE = new Set(['Emphasis', 'StrongEmphasis', 'Strikethrough']);
/** Marks that vanish without separating words: `Micro**soft**` reads "Microsoft". */
const MARKS = new Set(['EmphasisMark', 'StrikethroughMark', 'LinkMark', 'QuoteMark', 'HeaderMark', 'TaskMarker', 'ListMark']);
/** Inline HTML elements that format words rather than separate them (`<b>Bill</b> Gates`). */
const FORMATTING_TAG = /^<\/?(?:a|abbr|b|bdi|bdo|cite|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)(?=[\s/>])/i;
/** HTML blocks that end at a marker rather than at a blank line (CommonMark kinds 1 to 5). */
const HTML_UNTIL_MARKER: readonly [RegExp, RegExp][] = [
  [/^<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

export interface MarkdownProse {
  /** Offsets relative to the start of the text. */
  blocks: ProseBlock[];
  /**
   * Set when the text ends inside a fence, a math block or an HTML block that a blank line does
   * not end (what follows belongs to it, so the text is not a whole piece of the document): finds,
   * from its lastIndex on, every line that may end the block. Where it finds none, the block runs
   * to the end of the document.
   */
  open: RegExp | undefined;
}

export function markdownProse(source: string): MarkdownProse {
  const lf = toLf(source);
  const tree = markdown.parse(lf.text);
  const walker = new Walker(lf, new ProseBuilder(source));
  const cursor = tree.cursor();
  walker.block(cursor);
  return { blocks: walker.builder.finish(), open: endsOpen(tree.cursor(), lf.text) };
}

class Walker {
  constructor(
    private readonly lf: LfText,
    readonly builder: ProseBuilder,
  ) {}

  block(cursor: TreeCursor): void {
    const name = cursor.name;
    if (INLINE_BLOCKS.has(name)) {
      this.inline(cursor, cursor.from, cursor.to);
      this.builder.endBlock();
    } else if (CONTAINERS.has(name) && cursor.firstChild()) {
      do this.block(cursor);
      while (cursor.nextSibling());
      cursor.parent();
    }
  }

  /** Keeps [from, to) of the node at `cursor` except its children, which are handled by kind. */
  private inline(cursor: TreeCursor, from: number, to: number): void {
    let at = from;
    if (cursor.firstChild()) {
      do {
        if (cursor.from >= to) break;
        this.keep(at, cursor.from);
        at = this.child(cursor, from);
      } while (cursor.nextSibling());
      cursor.parent();
    }
    this.keep(at, to);
  }

  /** Handles the inline node at `cursor` (in a block starting at `blockFrom`); returns where prose resumes. */
  private child(cursor: TreeCursor, blockFrom: number): number {
    const name = cursor.name;
    if (PROSE_INLINE.has(name)) this.inline(cursor, cursor.from, cursor.to);
    else if (name === 'Link' || name === 'Image') return this.link(cursor, blockFrom);
    else if (name === 'Escape') this.keep(cursor.from + 1, cursor.to);
    else if (name === 'Entity') this.keep(cursor.from, cursor.to);
    else if (name === 'HardBreak') this.keep(cursor.to - 1, cursor.to);
    else if (name === 'HTMLTag' && FORMATTING_TAG.test(this.lf.text.slice(cursor.from, cursor.to))) return cursor.to;
    else if (!MARKS.has(name)) this.builder.cut();
    return cursor.to;
  }

  /** Link and image: the text between `[` (or `![`) and `]` is prose; destination, title and label are not. */
  private link(cursor: TreeCursor, blockFrom: number): number {
    const text = this.lf.text;
    const open = cursor.name === 'Image' ? 2 : 1;
    // A footnote reference `[^1]` is a label, not words; so is the `[^1]:` that starts a
    // footnote's text (the parser has no footnotes: it sees a paragraph).
    if (text.charCodeAt(cursor.from + open) === 94 /* ^ */) {
      this.builder.cut();
      return cursor.from === blockFrom && text.charCodeAt(cursor.to) === 58 /* : */ ? cursor.to + 1 : cursor.to;
    }
    let labelEnd = cursor.to;
    if (cursor.firstChild()) {
      do {
        if (cursor.name === 'LinkMark' && text.charCodeAt(cursor.from) === 93 /* ] */) {
          labelEnd = cursor.from;
          break;
        }
      } while (cursor.nextSibling());
      cursor.parent();
    }
    this.inline(cursor, cursor.from + open, labelEnd);
    return cursor.to;
  }

  private keep(from: number, to: number): void {
    if (from < to) this.builder.keep(this.lf.toSource(from), this.lf.toSource(to));
  }
}

/** If the last top-level block is a fence, math block or HTML block left open: what may end it. */
function endsOpen(cursor: TreeCursor, text: string): RegExp | undefined {
  if (!cursor.lastChild()) return undefined;
  const name = cursor.name;
  if (name === 'FencedCode' || name === 'MathBlock') {
    const mark = name === 'FencedCode' ? 'CodeMark' : 'MathMark';
    if (!cursor.firstChild()) return undefined;
    // The block starts with its opening fence mark; a closed one ends with a second.
    const fence = text.slice(cursor.from, cursor.to);
    let marks = 1;
    while (cursor.nextSibling()) if (cursor.name === mark) marks++;
    // A closing fence: up to 3 spaces, the fence character at least as often, spaces or tabs.
    // (It may find more than the parser would take; never fewer.)
    const char = fence[0] === '`' ? '`' : fence[0] === '~' ? '~' : '\\$';
    return marks < 2 ? new RegExp(`(?:^|\\n|\\r) {0,3}${char}{${fence.length},}[ \\t]*(?=\\r|\\n|$)`, 'g') : undefined;
  }
  if (name === 'HTMLBlock' || name === 'CommentBlock' || name === 'ProcessingInstructionBlock') {
    const html = text.slice(cursor.from, cursor.to);
    const open = HTML_UNTIL_MARKER.find(([start, end]) => start.test(html) && !end.test(html));
    return open ? new RegExp(open[1].source, `g${open[1].flags}`) : undefined;
  }
  return undefined;
}
