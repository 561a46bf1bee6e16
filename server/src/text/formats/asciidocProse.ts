// Prose of a piece of AsciiDoc. Asciidoctor (asciidocParser.ts) decides what each block is and
// where it starts; this maps the prose blocks back to their own source lines and keeps their words
// without inline syntax (asciidocInline.ts), at exact offsets. Kept: paragraphs, section and
// discrete titles, block titles (`.Title`), list items, description list terms and descriptions,
// table cells, admonitions, quotes, verses, sidebars, examples. Dropped: the document header's
// author and revision lines, attribute entries, listing, literal, source, passthrough and math
// blocks, comments (line and block), preprocessor directives (`include::` is never read, both
// sides of an `ifdef::` are prose), block anchors and attribute lists, images, literal cells.
import type { ProseBlock } from '../proseBlock';
import { ProseBuilder } from '../proseBuilder';
import { TextExtractionError } from '../textErrors';
import { asciidocBlocks, type AdocBlock } from './asciidocParser';
import { keepInline } from './asciidocInline';

export interface AsciidocProse {
  blocks: ProseBlock[];
  open: RegExp | undefined;
}

/** Larger than this, a piece sends nothing: Asciidoctor cannot be stopped, and parses ~0.3 MB a second. */
export const MAX_PIECE_CHARS = 250_000;

const LINE = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
const PREPROCESSOR = /^(?:ifn?def|ifeval|endif|include)::[^[]*\[.*\][ \t]*$/;
const ATTRIBUTE_ENTRY = /^:!?\w[\w-]*!?:(?:[ \t].*)?$/;
const COMMENT = /^\/\/(?!\/)/;
const DELIMITER = /^(?:-{4,}|\.{4,}|\/{4,}|\+{4,}|={4,}|\*{4,}|_{4,}|--|[|!,:]={3,}|`{3}.*)[ \t]*$/;
/** Delimited blocks whose content is not AsciiDoc (no delimiter inside them counts). */
const VERBATIM = /^(?:-{4,}|\.{4,}|\/{4,}|\+{4,}|`{3})/;
const LIST_MARKER = /^[ \t]*(?:[*-]+|\.+|\d+\.|[a-zA-Z]\.|[ivxIVX]+\)|<(?:\d+|\.)>)[ \t]+(?:\[[ xX*]\][ \t]+)?/;
const DLIST_TERM = /^[ \t]*(.*?[^:;])(:{2,4}|;;)(?:[ \t]+|$)/;
const ADMONITION_LABEL = /^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+/;
const CELL_SPEC = /(?:^|[ \t\r\n])((?:\d+\*)?(?:\d+(?:\.\d+)?[+.])?[<^>]?(?:\.[<^>])?[adehlmsv]?)$/;
const SECTION_TITLE = /^(={1,6}|#{1,6})[ \t]+(.*?)(?:[ \t]+\1)?[ \t]*$/;
/** Simple blocks whose lines are prose. */
const PROSE = new Set(['paragraph', 'admonition', 'quote', 'verse', 'sidebar', 'example', 'open']);

export function asciidocProse(source: string): AsciidocProse {
  if (source.length > MAX_PIECE_CHARS) return { blocks: [], open: undefined };
  const walker = new Walker(source);
  let blocks: AdocBlock[];
  try {
    blocks = asciidocBlocks(walker.lines);
  } catch (error) {
    // A parser that did not load is an error to report; a parse that failed (a nesting too deep
    // for its stack) sends nothing rather than junk.
    if (error instanceof TextExtractionError) throw error;
    return { blocks: [], open: walker.open() };
  }
  for (const block of blocks) walker.block(block, 0);
  return { blocks: walker.builder.finish(), open: walker.open() };
}

class Walker {
  readonly builder: ProseBuilder;
  /** The lines Asciidoctor reads: preprocessor lines, attribute entries and header lines made comments. */
  readonly lines: string[] = [];
  private readonly starts: number[] = [];
  /** Where each line's content ends (before its line break). */
  private readonly ends: number[] = [];

  constructor(private readonly source: string) {
    this.builder = new ProseBuilder(source);
    LINE.lastIndex = 0;
    let continued = false;
    for (let match = LINE.exec(source); match !== null && match.index < source.length; match = LINE.exec(source)) {
      const content = match[0].replace(/[\r\n]+$/, '');
      this.starts.push(match.index);
      this.ends.push(match.index + content.length);
      const entry: boolean = continued || ATTRIBUTE_ENTRY.test(content);
      continued = entry && /[ \t]\\$/.test(content);
      this.lines.push(entry || PREPROCESSOR.test(content) ? '//' : content);
    }
    // A document header: the author, revision and attribute lines after `= Title` are not prose.
    if (/^=[ \t]+\S/.test(this.lines[0] ?? ''))
      for (let i = 1; i < this.lines.length && this.lines[i].trim() !== ''; i++) this.lines[i] = '//';
  }

  block(block: AdocBlock, depth: number): void {
    const builder = this.builder;
    if (block.hasTitle) this.blockTitle(block.line);
    const context = block.context;
    if (context === 'section' || context === 'floating_title') {
      const line = block.line;
      const title = SECTION_TITLE.exec(this.lines[line] ?? '');
      const start = title ? this.starts[line] + title[0].indexOf(title[2], title[1].length) : this.starts[line];
      this.inline(start, title ? start + title[2].length : this.ends[line]);
      builder.endBlock();
    } else if (context === 'list_item') {
      this.listItem(block, depth);
      return;
    } else if (context === 'dlist') {
      for (const [terms, description] of block.pairs) this.pair(terms, description, depth);
      return;
    } else if (context === 'table') {
      this.table(block.line);
      return;
    } else if (PROSE.has(context) && (block.model === 'simple' || context === 'verse')) {
      let line = block.line;
      if (DELIMITER.test(this.lines[line] ?? '')) line++;
      const label = context === 'admonition' ? ADMONITION_LABEL.exec(this.source.slice(this.starts[line], this.ends[line])) : null;
      this.lineRun(line, block.lineCount, label ? label[0].length : 0);
      builder.endBlock();
      return;
    }
    if (depth < 64) for (const child of block.children) this.block(child, depth + 1);
  }

  /** `count` source lines from `line` on (comment lines between them skipped), the first from `skip` on. */
  private lineRun(line: number, count: number, skip: number): void {
    let from = -1;
    let last = line;
    for (let i = line; i < this.lines.length && count > 0; i++) {
      if (COMMENT.test(this.lines[i])) {
        // A comment (or preprocessor) line between two lines: the words on both sides stay apart.
        if (from >= 0) this.inline(from, this.ends[last]);
        if (from >= 0) this.builder.cut();
        from = -1;
        continue;
      }
      if (from < 0) from = this.starts[i] + (i === line ? skip : 0);
      last = i;
      count--;
    }
    if (from >= 0) this.inline(from, this.ends[last]);
  }

  /** A list item's text: after its marker, with the lines that continue it (up to its first attached block). */
  private listItem(block: AdocBlock, depth: number): void {
    const line = block.line;
    const marker = LIST_MARKER.exec(this.lines[line] ?? '');
    if (marker) this.continued(line, marker[0].length, block.children[0]?.line ?? this.lines.length);
    this.builder.endBlock();
    if (depth < 64) for (const child of block.children) this.block(child, depth + 1);
  }

  private pair(terms: AdocBlock[], description: AdocBlock | undefined, depth: number): void {
    let sameLine = -1;
    let after = 0;
    for (const term of terms) {
      const match = DLIST_TERM.exec(this.lines[term.line] ?? '');
      if (!match) continue;
      const start = this.starts[term.line] + match[0].indexOf(match[1]);
      this.inline(start, start + match[1].length);
      this.builder.endBlock();
      if (match[0].length < this.lines[term.line].length) [sameLine, after] = [term.line, match[0].length];
    }
    if (!description) return;
    const bound = description.children[0]?.line ?? this.lines.length;
    if (sameLine >= 0) this.continued(sameLine, after, bound);
    else if (description.line !== terms[terms.length - 1]?.line) this.continued(description.line, 0, bound);
    this.builder.endBlock();
    if (depth < 64) for (const child of description.children) this.block(child, depth + 1);
  }

  /** Text from column `skip` of `line`, and the lines after it that continue it, before line `bound`. */
  private continued(line: number, skip: number, bound: number): void {
    let end = line;
    for (let i = line + 1; i < bound && i < this.lines.length; i++) {
      const text = this.lines[i];
      if (COMMENT.test(text)) break;
      if (text.trim() === '' || text.trim() === '+' || LIST_MARKER.test(text) || DELIMITER.test(text)) break;
      if (/^\[.*\][ \t]*$/.test(text) || DLIST_TERM.test(text)) break;
      end = i;
    }
    this.inline(this.starts[line] + skip, this.ends[end]);
  }

  /** The `.Title` line among the metadata lines above the block at `line`. */
  private blockTitle(line: number): void {
    for (let i = line - 1; i >= 0; i--) {
      const text = this.lines[i];
      if (/^\.[^.\s]/.test(text)) {
        this.inline(this.starts[i] + 1, this.ends[i]);
        this.builder.endBlock();
        return;
      }
      if (!/^\[.*\][ \t]*$/.test(text) && !COMMENT.test(text)) return;
    }
  }

  /** The cells of the table whose delimiter is at `line`: each one a block, literal (`l|`) cells left out. */
  private table(line: number): void {
    const delimiter = (this.lines[line] ?? '').trim();
    let close = line + 1;
    while (close < this.lines.length && this.lines[close].trim() !== delimiter) close++;
    if (close >= this.lines.length || line + 1 >= close) return;
    const from = this.starts[line + 1];
    const body = this.source.slice(from, this.starts[close]);
    const separator = delimiter[0] === ',' || delimiter[0] === ':' ? delimiter[0] : delimiter[0] === '!' ? '!' : '|';
    const spec = separator === '|' || separator === '!';
    // Cells end at a separator (not escaped); in CSV and DSV tables at a line end too.
    const separators = new RegExp(`(?<!\\\\)\\${separator}${spec ? '' : '|\\r\\n|\\r|\\n'}`, 'g');
    let at = 0;
    let literal = false;
    for (let first = true; at <= body.length; first = false) {
      const found = separators.exec(body);
      const end = found ? found.index : body.length;
      const cell = body.slice(at, end);
      // The cell spec (`2+a`) before the next separator belongs to the next cell.
      const next = spec && found ? CELL_SPEC.exec(cell) : null;
      const text = next && next[1].length > 0 ? cell.length - next[1].length : cell.length;
      if ((!first || !spec) && !literal) {
        this.inline(from + at, from + at + text);
        this.builder.endBlock();
      }
      literal = next !== null && next[1].endsWith('l');
      if (!found) break;
      at = end + found[0].length;
    }
  }

  private inline(from: number, to: number): void {
    keepInline(this.builder, this.source, from, to);
  }

  /** When the piece leaves a delimited block open: what may close it (a blank line does not). */
  open(): RegExp | undefined {
    const stack: string[] = [];
    for (const line of this.lines) {
      const text = line.trimEnd();
      if (!DELIMITER.test(text)) continue;
      const top = stack[stack.length - 1];
      const fence = text.startsWith('```') ? '```' : text;
      if (top === fence) stack.pop();
      else if (top === undefined || !VERBATIM.test(top)) stack.push(fence);
    }
    if (stack.length === 0) return undefined;
    const closer = stack[0].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return new RegExp(`(?:\\r\\n|\\r|\\n)${closer}[ \\t]*(?=\\r\\n|\\r|\\n|$)`, 'g');
  }
}
