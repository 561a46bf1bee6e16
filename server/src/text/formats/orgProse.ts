// Prose of a piece of Org, from org-mode-ast's syntax tree (MIT; chosen over orga, which overflows
// its stack on real files, by measured correctness and speed: see bench/textExtractionBench.ts).
// Kept: headline text, paragraphs, list items, table cells (each a block), quote and other prose
// blocks, links' descriptions, and the values of #+TITLE, #+SUBTITLE and #+CAPTION (words the
// reader of the exported document reads as a heading or a sentence; every other keyword is
// settings or metadata). Dropped: TODO keywords, priority cookies, tags, planning lines,
// drawers, timestamps, src/example/export/comment blocks, comments, fixed-width lines, LaTeX,
// verbatim and code, links' targets, footnote labels, COMMENT subtrees (orgLines.ts finds what the
// parser leaves as text). The parser is synchronous: a piece too large to parse within the budget
// (by its length, brackets and longest word), or one it throws on, sends nothing rather than
// blocking the server or sending junk. The parser is required on the first Org piece: a server
// that never sees Org does not evaluate it at start-up.
import type { OrgNode } from 'org-mode-ast';
import type { ProseBlock } from '../proseBlock';
import { ProseBuilder } from '../proseBuilder';
import { INLINE_SYNTAX, ORG_CLOSER, orgLines } from './orgLines';
import { MAX_DEPTH } from './treeSitterProse';

/**
 * Longest piece parsed. org-mode-ast reads real Org at 60-80 KB a second here (the bench prints
 * it) and hostile text (runs of `=`, `{`, table rows of `|`) at 15-30 KB a second, and it cannot
 * be stopped once started: size bounds its time (about PARSE_BUDGET_MS at worst, measured).
 * Pieces end at blank lines: only a hostile or generated file has 32 KB without one.
 */
export const MAX_ORG_PIECE_CHARS = 32_000;
/** Longest run without white space a parsed piece may hold: 20,000 characters of `a-a-…` took 4 s. */
export const MAX_ORG_WORD_CHARS = 2_000;
/**
 * Most brackets (`[`, `]`, `<`, `>`, and `$`) a parsed piece may hold: the parser's time grows
 * with their square (10,000 of `][` took 24 s, 47,000 of `$` 88 s, measured), while a piece of real Org with
 * 2,000 of them (330 links with checkboxes, footnotes and timestamps) takes a fraction of that.
 */
export const MAX_ORG_BRACKETS = 2_000;

/** Keywords whose value is prose. */
const PROSE_KEYWORDS = new Set(['title', 'subtitle', 'caption']);
/** Inline nodes whose text is the reader's (their operators left out). */
const MARKUP = new Set(['bold', 'italic', 'crossed', 'underline', 'linkName', 'tableCell']);
/** Blocks whose body is prose. */
const PROSE_BLOCKS = new Set(['quoteBlock']);
/** Nodes that stand on lines of their own: a block ends before and after them. */
const BLOCK_LEVEL = new Set([
  'headline',
  'list',
  'table',
  'keyword',
  'comment',
  'srcBlock',
  'quoteBlock',
  'exampleBlock',
  'htmlBlock',
  'exportBlock',
  'commentBlock',
  'latexEnvironment',
  'fixedWidth',
  'horizontalRule',
  'propertyDrawer',
  'property',
  'blockProperty',
]);

export interface OrgProse {
  blocks: ProseBlock[];
  open: RegExp | undefined;
}

let parser: ((source: string) => OrgNode) | undefined;

/** org-mode-ast's parse, loaded on first use (outside the parse's try: a missing parser is no empty piece). */
function orgParser(): (source: string) => OrgNode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('org-mode-ast') as typeof import('org-mode-ast')).parse;
  return parser;
}

export function orgProse(source: string): OrgProse {
  if (source.length > MAX_ORG_PIECE_CHARS || brackets(source) > MAX_ORG_BRACKETS || longestWord(source) > MAX_ORG_WORD_CHARS)
    return { blocks: [], open: undefined };
  const lines = orgLines(source);
  const builder = new ProseBuilder(source);
  const parse = orgParser();
  try {
    const walker = new Walker(source, builder, lines.dropped);
    walker.content(parse(source), 0);
    walker.end();
  } catch {
    // The parser (or a nesting too deep for it) threw: nothing rather than junk.
    return { blocks: [], open: undefined };
  }
  return { blocks: builder.finish(), open: lines.open ? ORG_CLOSER : undefined };
}

function brackets(source: string): number {
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code === 0x5b || code === 0x5d || code === 0x3c || code === 0x3e || code === 0x24) count++;
  }
  return count;
}

function longestWord(source: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    run = code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 ? 0 : run + 1;
    if (run > longest) longest = run;
  }
  return longest;
}

class Walker {
  constructor(
    private readonly source: string,
    private readonly builder: ProseBuilder,
    private readonly dropped: readonly number[],
  ) {}

  /** Index of the first dropped range that may still matter: text is kept in document order. */
  private next = 0;
  /**
   * Text not yet kept: adjacent text nodes join first, so that a URL the parser split in two
   * (at `:`) is still found and left out whole.
   */
  private pendingFrom = 0;
  private pendingTo = -1;

  cut(): void {
    this.flush();
    this.builder.cut();
  }

  end(): void {
    this.flush();
    this.builder.endBlock();
  }

  /** A sequence of paragraphs and elements (the document, a section, a prose block's body). */
  content(node: OrgNode, depth: number): void {
    if (depth > MAX_DEPTH) return this.cut();
    for (const child of node.childrenList) {
      if (!BLOCK_LEVEL.has(child.type) || !this.atLineStart(child.start)) {
        this.inline(child, depth + 1);
        continue;
      }
      this.end();
      this.element(child, depth + 1);
      this.end();
    }
  }

  private atLineStart(at: number): boolean {
    const line = this.source.lastIndexOf('\n', at - 1) + 1;
    const cr = this.source.lastIndexOf('\r', at - 1) + 1;
    return /^[ \t]*$/.test(this.source.slice(Math.max(line, cr), at));
  }

  private element(node: OrgNode, depth: number): void {
    switch (node.type) {
      case 'headline':
        if (/^\*+[ \t]+(?:\S+[ \t]+)?COMMENT\b/.test(this.source.slice(node.start, node.start + 80))) return;
        return this.item(node, depth);
      case 'list':
        for (const item of node.childrenList) if (item.type === 'listItem') this.item(item, depth + 1);
        return;
      case 'table':
        for (const row of node.childrenList) {
          for (const cell of row.type === 'tableRow' ? row.childrenList : []) {
            if (cell.type !== 'tableCell') continue;
            this.inline(cell, depth + 1);
            this.end();
          }
        }
        return;
      case 'keyword': {
        const key = /^[ \t]*#\+(\w+):[ \t]*/.exec(this.source.slice(node.start, node.end));
        if (key && PROSE_KEYWORDS.has(key[1].toLowerCase())) this.text(node.start + key[0].length, node.end);
        return;
      }
      default:
        if (PROSE_BLOCKS.has(node.type)) {
          for (const part of node.childrenList) if (part.type === 'blockBody') this.content(part, depth + 1);
        }
    }
  }

  /** A headline or list item: its title a block, then its section. */
  private item(node: OrgNode, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const title = node.title as OrgNode | undefined;
    if (title) for (const child of title.childrenList) this.inline(child, depth + 1);
    this.end();
    const section = node.section as OrgNode | undefined;
    if (section) this.content(section, depth + 1);
  }

  private inline(node: OrgNode, depth: number): void {
    if (depth > MAX_DEPTH) return this.cut();
    switch (node.type) {
      case 'text':
        // org-mode-ast's positions slip after some constructs (`=\\usepackage[AUTO]{babel}=`):
        // only text found where the parser says it is, is kept.
        if (this.source.slice(node.start, node.end) !== node.value) return this.cut();
        return this.text(node.start, node.end);
      case 'newLine':
        if (this.source.slice(node.start, node.end) !== node.value) return this.cut();
        // A blank line after it ends the paragraph; otherwise the line break is part of it.
        if (/^[ \t]*(?:\r\n|\r|\n|$)/.test(this.source.slice(node.end, node.end + 200))) return this.end();
        return this.text(node.start, node.end);
      case 'indent':
        return;
      case 'keyword':
        // Not at a line's start (org-mode-ast reads `\(x\) and https:` as one): words.
        for (const child of node.childrenList) this.inline(child, depth + 1);
        return;
      case 'link':
        // Only the description: `[[target][description]]`; a bare `[[target]]` shows its target.
        this.cut();
        for (const child of node.childrenList) if (child.type === 'linkName') this.inline(child, depth + 1);
        return this.cut();
      default:
        if (!MARKUP.has(node.type)) return this.cut();
        for (const child of node.childrenList) if (child.type !== 'operator') this.inline(child, depth + 1);
    }
  }

  private text(from: number, to: number): void {
    if (from === this.pendingTo) {
      this.pendingTo = to;
      return;
    }
    this.flush();
    this.pendingFrom = from;
    this.pendingTo = to;
  }

  /** Keeps the pending text except the line syntax and inline syntax inside it. */
  private flush(): void {
    let from = this.pendingFrom;
    const to = this.pendingTo;
    if (to < 0) return;
    this.pendingTo = -1;
    const dropped = this.dropped;
    while (this.next < dropped.length && dropped[this.next + 1] <= from) this.next += 2;
    for (let i = this.next; i < dropped.length && from < to; i += 2) {
      if (dropped[i + 1] <= from) continue;
      if (dropped[i] >= to) break;
      this.words(from, Math.min(to, dropped[i]));
      this.builder.cut();
      from = Math.max(from, dropped[i + 1]);
    }
    this.words(from, to);
  }

  private words(from: number, to: number): void {
    if (from >= to) return;
    const text = this.source.slice(from, to);
    INLINE_SYNTAX.lastIndex = 0;
    let at = 0;
    for (let match = INLINE_SYNTAX.exec(text); match !== null; match = INLINE_SYNTAX.exec(text)) {
      this.builder.keep(from + at, from + match.index);
      this.builder.cut();
      const description = match.groups?.description;
      if (description !== undefined) {
        // `[[target][description]]`: the description ends before the closing `]]`.
        const end = from + match.index + match[0].length - 2;
        this.builder.keep(end - description.length, end);
        this.builder.cut();
      }
      at = match.index + match[0].length;
    }
    this.builder.keep(from + at, to);
  }
}
