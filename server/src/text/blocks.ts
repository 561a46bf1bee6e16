// Splits a document into blocks: paragraphs separated by blank lines, each with its offset in the
// document. Blocks are the unit of caching, so an edit re-analyses only the paragraphs it touched.
// A paragraph over `maxBlockChars` (a file without blank lines) is cut at line ends, so an edit
// there still costs one bounded block, and no block reaches spaCy's max_length.
export interface Block {
  /** UTF-16 offset of the block's first character in the document. */
  start: number;
  text: string;
}

export const DEFAULT_MAX_BLOCK_CHARS = 4000;

// One or more blank (whitespace-only) lines, with the line break that ends the paragraph before.
// A lone CR must not match the CR of a CRLF, or every CRLF would look like a blank line.
const BLANK_LINES = /(?:\r\n|\r(?!\n)|\n)(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n))+/g;

export function splitBlocks(text: string, maxBlockChars = DEFAULT_MAX_BLOCK_CHARS): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  BLANK_LINES.lastIndex = 0;
  for (let match = BLANK_LINES.exec(text); match !== null; match = BLANK_LINES.exec(text)) {
    pushParagraph(text, start, match.index, maxBlockChars, blocks);
    start = match.index + match[0].length;
  }
  pushParagraph(text, start, text.length, maxBlockChars, blocks);
  return blocks;
}

function pushParagraph(text: string, start: number, end: number, max: number, out: Block[]): void {
  // Leading whitespace-only lines (at the start of the document) carry nothing to analyse.
  while (start < end && /\s/.test(text[start])) start++;
  if (start >= end) return;
  while (end - start > max) {
    const cut = cutPoint(text, start, start + max);
    out.push({ start, text: text.slice(start, cut) });
    start = cut;
  }
  out.push({ start, text: text.slice(start, end) });
}

/** Where to cut a long paragraph before `limit`: after a line break, else at a space, else anywhere safe. */
export function cutPoint(text: string, start: number, limit: number): number {
  const newline = Math.max(text.lastIndexOf('\n', limit - 1), text.lastIndexOf('\r', limit - 1));
  if (newline > start) return newline + 1;
  const space = text.lastIndexOf(' ', limit - 1);
  if (space > start) return space + 1;
  const code = text.charCodeAt(limit - 1);
  // Never split a surrogate pair.
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
