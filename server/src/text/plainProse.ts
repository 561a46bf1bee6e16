// Prose of plain text: paragraphs between blank lines, as splitBlocks cuts them, without the
// URLs and e-mail addresses in them.
import type { ProseBlock } from './proseBlock';
import { ProseBuilder } from './proseBuilder';

// The blank lines that end a paragraph (the same as splitBlocks': a lone CR is a line end too).
const BLANK_LINES = /(?:\r\n|\r(?!\n)|\n)(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n))+/g;

/** Offsets relative to the start of `source`. */
export function plainProse(source: string): ProseBlock[] {
  const builder = new ProseBuilder(source);
  let start = 0;
  BLANK_LINES.lastIndex = 0;
  for (let match = BLANK_LINES.exec(source); match !== null; match = BLANK_LINES.exec(source)) {
    builder.keep(start, match.index);
    builder.endBlock();
    start = match.index + match[0].length;
  }
  builder.keep(start, source.length);
  return builder.finish();
}
