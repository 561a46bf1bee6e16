// A block of prose as the sidecar sees it, and the way from its offsets back to the document.
// Prose is what a reader sees: Markdown syntax is left out rather than blanked with spaces (which
// would keep offsets equal to the document's), because spaCy reads a run of blanks as a token of
// its own and stops or stretches names there. Measured with the bundled en_core_web_sm:
// `  Bill   Gates founded Microsoft.` gives PERSON "Bill" where "Bill Gates founded Microsoft."
// gives "Bill Gates"; `in  Berlin                   .` gives an ORG "Berlin" plus 19 blanks. So a
// block's text is not a slice of the document: `runs` say which document characters each stretch
// of prose was copied from, and every entity maps back exactly.
import type { Block } from './blocks';

export interface ProseBlock extends Block {
  /**
   * Flat pairs [proseOffset, sourceOffset, ...], sorted: the prose from proseOffset up to the
   * next pair's proseOffset was copied verbatim from the document at `start + sourceOffset`. A
   * space the extraction put in between two words (where code was removed) extends the run before it.
   */
  readonly runs: readonly number[];
  /**
   * Prose offsets where a skipped construct (code, a URL, an HTML tag, math) was removed from
   * between two stretches of prose: a name across one was never written, so none is reported.
   */
  readonly cuts: readonly number[];
}

export interface DocumentSpan {
  start: number;
  end: number;
}

/**
 * The document range of the prose range [start, end) of `block`, or undefined when the range
 * crosses a cut or holds only white space. The range is first trimmed of white space, so an
 * inserted space never becomes an end.
 */
export function documentSpan(block: ProseBlock, start: number, end: number): DocumentSpan | undefined {
  const text = block.text;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start >= end) return undefined;
  for (const cut of block.cuts) {
    if (cut >= end) break;
    if (cut > start) return undefined;
  }
  return { start: block.start + sourceOffset(block.runs, start), end: block.start + sourceOffset(block.runs, end - 1) + 1 };
}

/** Offset (relative to the block's start) of the document character prose offset `at` came from. */
export function sourceOffset(runs: readonly number[], at: number): number {
  let low = 0;
  let high = runs.length / 2 - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (runs[2 * mid] <= at) low = mid;
    else high = mid - 1;
  }
  return runs[2 * low + 1] + (at - runs[2 * low]);
}

/** The same block `by` characters further into the document (its maps are relative: shared). */
export function shiftBlock(block: ProseBlock, by: number): ProseBlock {
  return { start: block.start + by, text: block.text, runs: block.runs, cuts: block.cuts };
}

/** The prose range [from, to) of `block` as a block of its own. */
export function sliceBlock(block: ProseBlock, from: number, to: number): ProseBlock {
  const base = sourceOffset(block.runs, from);
  const runs = [0, 0];
  for (let i = 0; i < block.runs.length; i += 2) {
    const prose = block.runs[i];
    if (prose > from && prose < to) runs.push(prose - from, block.runs[i + 1] - base);
  }
  const cuts = block.cuts.filter((cut) => cut > from && cut < to).map((cut) => cut - from);
  return { start: block.start + base, text: block.text.slice(from, to), runs, cuts };
}

/** White space as JavaScript's `\s` has it (what trimming and spaCy's tokenizer treat as blank). */
export function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
