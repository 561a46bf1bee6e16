// Where a document may be cut into pieces that extract on their own. A blank line followed by a
// line that starts in column 0 ends every Markdown block (a paragraph, a list, a quote, a table,
// indented code, an HTML block of the kinds a blank line ends), except a fence, a math block or
// an HTML block that runs to an end marker: the extraction learns those from the parser (a piece
// "ends open") and then joins the piece with the next. A list that goes on after the blank line
// comes back as a new list: the same prose.

// One or more blank lines (Markdown's: spaces and tabs only), after the line end before them.
const BLANK_LINES = /(?:\r\n|\r(?!\n)|\n)(?:[ \t]*(?:\r\n|\r(?!\n)|\n))+/g;

/**
 * Offsets where a piece may start, ascending: the start of each line that follows a blank line
 * and (with `columnZero`) does not start with a space or tab. Found only as far as they are asked
 * for: after an edit, an extraction stops reading where it meets the previous one again, not at
 * the end of the document.
 */
export class ChunkCursor {
  private readonly found: number[] = [];
  /** Index in `found` of the first start after the latest `at` asked about. */
  private next = 0;
  private done = false;
  private readonly blankLines = new RegExp(BLANK_LINES.source, 'g');

  constructor(
    private readonly text: string,
    from: number,
    private readonly columnZero: boolean,
  ) {
    this.blankLines.lastIndex = from;
  }

  /** The `count`-th piece start after `at`, or the end of the text if there are fewer. `at` never decreases. */
  after(at: number, count: number): number {
    for (;;) {
      while (this.next < this.found.length && this.found[this.next] <= at) this.next++;
      const index = this.next + count - 1;
      if (index < this.found.length) return this.found[index];
      if (this.done) return this.text.length;
      this.findOne();
    }
  }

  private findOne(): void {
    for (let match = this.blankLines.exec(this.text); match !== null; match = this.blankLines.exec(this.text)) {
      const start = match.index + match[0].length;
      if (start >= this.text.length) break;
      const code = this.text.charCodeAt(start);
      if (!this.columnZero || (code !== 32 && code !== 9)) {
        this.found.push(start);
        return;
      }
    }
    this.done = true;
  }
}
