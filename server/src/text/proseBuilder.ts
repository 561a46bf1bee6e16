// Builds prose blocks from the stretches of a source text an extraction keeps. Between two kept
// stretches the syntax in between is left out: a word split by markup joins up again
// (`**Bill** Gates` reads "Bill Gates"), and where a skipped construct stood (code, a URL) the
// builder records a cut and makes sure a space separates the words. Every kept character is
// copied verbatim, so each prose offset maps back to exactly one source offset.
import { cutPoint, DEFAULT_MAX_BLOCK_CHARS } from './blocks';
import { findLinks } from './links';
import { isSpace, sliceBlock, type ProseBlock } from './proseBlock';

export class ProseBuilder {
  private readonly blocks: ProseBlock[] = [];
  private parts: string[] = [];
  private length = 0;
  private lastCode = -1;
  private runs: number[] = [];
  private cuts: number[] = [];
  /** Source offset of the block's first character. */
  private start = 0;
  /** Source offset just after the last kept character: a stretch starting there extends the run. */
  private runEnd = -1;
  private pendingCut = false;

  constructor(
    private readonly source: string,
    private readonly maxBlockChars = DEFAULT_MAX_BLOCK_CHARS,
  ) {}

  /** Keeps source[from, to) as prose, except the URLs and e-mail addresses in it. */
  keep(from: number, to: number): void {
    if (from >= to) return;
    const piece = this.source.slice(from, to);
    const links = findLinks(piece);
    let at = 0;
    for (let i = 0; i < links.length; i += 2) {
      this.copy(piece, at, links[i], from);
      this.cut();
      at = links[i + 1];
    }
    this.copy(piece, at, piece.length, from);
  }

  /**
   * The source character at `at` is syntax for a space (LaTeX's tie `~`): spaCy reads a space, and
   * a name across it ("June~2000") is still one range of the document, unlike across a cut.
   */
  space(at: number): void {
    if (this.length === 0 || isSpace(this.lastCode)) return;
    if (at !== this.runEnd) this.runs.push(this.length, at - this.start);
    this.parts.push(' ');
    this.length += 1;
    this.lastCode = 0x20;
    this.runEnd = at + 1;
  }

  /** A skipped construct stood here: the next kept stretch must not run into the one before. */
  cut(): void {
    if (this.length > 0) this.pendingCut = true;
  }

  /** Ends the current block (a paragraph, a heading, a table cell). */
  endBlock(): void {
    let length = this.length;
    const text = this.parts.join('');
    while (length > 0 && isSpace(text.charCodeAt(length - 1))) length--;
    if (length > 0) {
      const runs = this.runs;
      while (runs.length > 2 && runs[runs.length - 2] >= length) runs.length -= 2;
      const block: ProseBlock = {
        start: this.start,
        text: length === text.length ? text : text.slice(0, length),
        runs,
        cuts: this.cuts.filter((cut) => cut < length),
      };
      this.pushCut(block);
    }
    this.parts = [];
    this.length = 0;
    this.lastCode = -1;
    this.runs = [];
    this.cuts = [];
    this.runEnd = -1;
    this.pendingCut = false;
  }

  finish(): ProseBlock[] {
    this.endBlock();
    return this.blocks;
  }

  /** Appends piece[from, to), which starts at source offset `base + from`. */
  private copy(piece: string, from: number, to: number, base: number): void {
    // White space after white space (or at the start of a block) is syntax's leftover: a list
    // item's indent, the space after a removed `>`.
    if (this.length === 0 || isSpace(this.lastCode)) while (from < to && isSpace(piece.charCodeAt(from))) from++;
    if (from >= to) return;
    let contiguous = base + from === this.runEnd;
    if (this.length === 0) {
      this.start = base + from;
    } else if (this.pendingCut) {
      if (!isSpace(this.lastCode) && !isSpace(piece.charCodeAt(from))) {
        this.parts.push(' ');
        this.length += 1;
        contiguous = false;
      }
      this.cuts.push(this.length);
    }
    this.pendingCut = false;
    if (!contiguous) this.runs.push(this.length, base + from - this.start);
    this.parts.push(from === 0 && to === piece.length ? piece : piece.slice(from, to));
    this.length += to - from;
    this.lastCode = piece.charCodeAt(to - 1);
    this.runEnd = base + to;
  }

  /** Pushes a block, cut like splitBlocks cuts an over-long paragraph: no block reaches spaCy's limit. */
  private pushCut(block: ProseBlock): void {
    let from = 0;
    while (block.text.length - from > this.maxBlockChars) {
      const cut = cutPoint(block.text, from, from + this.maxBlockChars);
      this.blocks.push(sliceBlock(block, from, cut));
      from = cut;
    }
    this.blocks.push(from === 0 ? block : sliceBlock(block, from, block.text.length));
  }
}
