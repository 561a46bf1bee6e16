// Where a document may be cut into pieces that extract on their own. A blank line followed by a
// line that starts in column 0 ends every Markdown block (a paragraph, a list, a quote, a table,
// indented code, an HTML block of the kinds a blank line ends), except a fence, a math block or
// an HTML block that runs to an end marker: the extraction learns those from the parser (a piece
// "ends open") and then joins the piece with the next. A list that goes on after the blank line
// comes back as a new list: the same prose.

// One or more blank lines (Markdown's: spaces and tabs only), after the line end before them.
const BLANK_LINES = /(?:\r\n|\r(?!\n)|\n)(?:[ \t]*(?:\r\n|\r(?!\n)|\n))+/g;

/**
 * Offsets after `from` where a piece may start, ascending: the start of each line that follows a
 * blank line and (with `columnZero`) does not start with a space or tab.
 */
export function chunkStarts(text: string, from: number, columnZero: boolean): number[] {
  const starts: number[] = [];
  BLANK_LINES.lastIndex = from;
  for (let match = BLANK_LINES.exec(text); match !== null; match = BLANK_LINES.exec(text)) {
    const start = match.index + match[0].length;
    if (start >= text.length) break;
    const code = text.charCodeAt(start);
    if (!columnZero || (code !== 32 && code !== 9)) starts.push(start);
  }
  return starts;
}
