// What goes to the sidecar: units of prose, each a window of a block (sentenceWindows.ts) with
// context on both sides, so that the entities of the window are those spaCy finds on the whole
// text. spaCy's answer for a token depends on its neighbours: en_core_web_sm's NER reads each
// token through a CNN of depth 4 and window 1 (config.cfg, components.ner.model.tok2vec.encode:
// 4 tokens each side; a pytest reads it from the bundled pipeline), and its greedy transitions
// carry an open entity from token to token until a token outside any entity, after which the
// state no longer depends on what came before. So a unit holds CONTEXT_WORDS whitespace-separated
// words (at least as many tokens) before and after its core: twice the receptive field, and room
// for the state to settle after the entity (if any) the context starts in. Japanese and Chinese
// put no space between words: there every CJK_CHARS_PER_WORD of their characters count as a word
// (without it, a paragraph of a Japanese novel was one "word", and each unit of a plain-text
// manuscript carried 8 paragraphs on each side: 16.8x the text sent to spaCy, measured). Only the entities that
// start in the core are kept; one that crosses the core's end is kept whole (the next unit, whose
// core holds its tail, drops it), so a name across a cut is found once, with its full span.
// What "the whole text" is: for plain text the document (context crosses blank lines); for
// Markdown and every other format (LaTeX, reStructuredText, Typst, AsciiDoc, Org) each block's
// prose (a heading, a list item or a table cell is not a sentence of the paragraph next to it, and
// its syntax is left out), so context stays inside the block there (bench/formatBench.ts measures
// the formats against nlp(each block), and prints nlp(blocks joined) beside it for reading).
import { sentenceWindowRanges, WINDOW_MAX_CHARS, WINDOW_MIN_CHARS } from './sentenceWindows';
import { sliceBlock, sourceOffset, type ProseBlock } from '../text/proseBlock';

/** Words of context on each side of a unit's core (>= 2x the pipeline's receptive field of 4 tokens). */
export const CONTEXT_WORDS = 8;

/** Context words, and the bounds of the windows (sentenceWindows.ts); tests make them small. */
export interface UnitSizes {
  words: number;
  min: number;
  max: number;
}

/**
 * The edit bench's baseline (bench/editBench.ts) runs a server with SAMSARA_BENCH_CONTEXT_WORDS=0,
 * to price the context in the same run. Not a setting: with fewer words the entities are no
 * longer spaCy's on the whole text.
 */
const benchWords = Number(process.env.SAMSARA_BENCH_CONTEXT_WORDS);
const SIZES: UnitSizes = {
  words: Number.isInteger(benchWords) && benchWords >= 0 ? benchWords : CONTEXT_WORDS,
  min: WINDOW_MIN_CHARS,
  max: WINDOW_MAX_CHARS,
};

export interface AnalysisUnit extends ProseBlock {
  /** The unit's own prose, [coreFrom, coreTo) of `text`; the rest is context. */
  readonly coreFrom: number;
  readonly coreTo: number;
}

/** The units of `blocks` (the prose of `document`), in order; `joined`: context crosses blocks. */
export function analysisUnits(blocks: readonly ProseBlock[], document: string, joined: boolean, sizes = SIZES): AnalysisUnit[] {
  const units: AnalysisUnit[] = [];
  for (let b = 0; b < blocks.length; b++) units.push(...blockUnits(blocks, b, document, joined, sizes).units);
  return units;
}

/**
 * The units whose cores are block `b`'s, and the blocks they read, [from, to]: nothing outside
 * those blocks (and the document's text between them) changes them. -Infinity / Infinity: a unit
 * lacked context up to the document's start / end, where more text would give it some.
 */
export function blockUnits(
  blocks: readonly ProseBlock[],
  b: number,
  document: string,
  joined: boolean,
  sizes = SIZES,
): { units: AnalysisUnit[]; from: number; to: number } {
  const block = blocks[b];
  const ranges = sentenceWindowRanges(block, sizes.min, sizes.max);
  // A block that is one window, read on its own: the block itself (its cache key as before).
  if (ranges.length === 2 && !joined) return { units: [{ ...block, coreFrom: 0, coreTo: block.text.length }], from: b, to: b };
  const units: AnalysisUnit[] = [];
  let from = b;
  let to = b;
  for (let i = 0; i < ranges.length; i += 2) {
    const made = unitOf(blocks, b, ranges[i], ranges[i + 1], document, joined, sizes.words);
    units.push(made.unit);
    from = Math.min(from, made.from);
    to = Math.max(to, made.to);
  }
  return { units, from, to };
}

/** A part of a unit: [from, to) of block `block`. */
interface Part {
  block: number;
  from: number;
  to: number;
}

function unitOf(
  blocks: readonly ProseBlock[],
  b: number,
  from: number,
  to: number,
  document: string,
  joined: boolean,
  words: number,
): { unit: AnalysisUnit; from: number; to: number } {
  const parts: Part[] = [];
  // Before the core: words back in this block, then (joined) in the blocks before it.
  let need = words;
  let at = from;
  let block = b;
  for (;;) {
    const back = wordsBefore(blocks[block].text, at, need);
    parts.unshift({ block, from: back.start, to: at });
    need = back.missing;
    if (need === 0 || !joined || block === 0) break;
    block -= 1;
    at = blocks[block].text.length;
  }
  const readFrom = need > 0 && joined ? -Infinity : block;
  const core = { block: b, from, to };
  parts.push(core);
  // After it: words on in this block, then (joined) in the blocks after it.
  need = words;
  at = to;
  block = b;
  for (;;) {
    const ahead = wordsAfter(blocks[block].text, at, need);
    parts.push({ block, from: at, to: ahead.end });
    need = ahead.missing;
    if (need === 0 || !joined || block === blocks.length - 1) break;
    block += 1;
    at = 0;
  }
  const readTo = need > 0 && joined ? Infinity : block;
  return { unit: join(blocks, mergeParts(parts), core, document), from: readFrom, to: readTo };
}

/** Adjacent parts of one block merged into one, empty ones left out. */
function mergeParts(parts: readonly Part[]): Part[] {
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && last.block === part.block && last.to === part.from) last.to = part.to;
    else if (part.to > part.from) merged.push({ ...part });
  }
  return merged;
}

/** One prose block of the parts, with the separators of the document between blocks. */
function join(blocks: readonly ProseBlock[], parts: readonly Part[], core: Part, document: string): AnalysisUnit {
  if (parts.every((part) => verbatim(blocks[part.block]))) {
    // Prose copied from the document in one run (plain text without a URL, most Markdown
    // paragraphs): the unit is a slice of the document, nothing to join (~10x faster).
    const start = blocks[parts[0].block].start + parts[0].from;
    const last = parts[parts.length - 1];
    const coreStart = blocks[core.block].start + core.from;
    return {
      start,
      text: document.slice(start, blocks[last.block].start + last.to),
      runs: [0, 0],
      cuts: [],
      coreFrom: coreStart - start,
      coreTo: coreStart - start + core.to - core.from,
    };
  }
  const slices = parts.map((part) => ({ part, slice: sliceBlock(blocks[part.block], part.from, part.to) }));
  const start = slices[0].slice.start;
  let text = '';
  const runs: number[] = [];
  const cuts: number[] = [];
  let coreFrom = 0;
  let coreTo = 0;
  for (let i = 0; i < slices.length; i++) {
    const { part, slice } = slices[i];
    if (i > 0) {
      // Between two blocks: the document's own text (blank lines), as nlp(document) reads it.
      const previous = slices[i - 1].slice;
      const gapStart = previous.start + (previous.text.length ? sourceOffset(previous.runs, previous.text.length - 1) + 1 : 0);
      runs.push(text.length, gapStart - start);
      text += document.slice(gapStart, slice.start);
    }
    const base = text.length;
    for (let r = 0; r < slice.runs.length; r += 2) runs.push(base + slice.runs[r], slice.start - start + slice.runs[r + 1]);
    for (const cut of slice.cuts) cuts.push(base + cut);
    if (part.block === core.block && part.from <= core.from && core.to <= part.to) {
      coreFrom = base + core.from - part.from;
      coreTo = base + core.to - part.from;
    }
    text += slice.text;
  }
  return { start, text, runs, cuts, coreFrom, coreTo };
}

/** Whether `block`'s prose is the document's text from its start, as it is. */
function verbatim(block: ProseBlock): boolean {
  return block.runs.length === 2 && block.runs[1] === 0 && block.cuts.length === 0;
}

const isBlank = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 0xa0;

/**
 * Characters of Japanese or Chinese that count as one word of context. Their pipelines' tokens
 * (Sudachi's, pkuseg's) are 1-3 characters, rarely more (a long katakana loanword): 8 words of 6
 * are 48 characters, some 25-35 tokens and at least 8 even if every token were 6 characters long.
 */
export const CJK_CHARS_PER_WORD = 6;

/** Kana, CJK punctuation, ideographs (and extension A, compatibility ideographs), half-width katakana. */
const isCjk = (code: number): boolean =>
  (code >= 0x3000 && code <= 0x30ff) ||
  (code >= 0x3400 && code <= 0x9fff) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xff61 && code <= 0xff9f);

/** Where `count` words before `at` in `text` start, or how many words it lacked (start 0). */
export function wordsBefore(text: string, at: number, count: number): { start: number; missing: number } {
  let i = at;
  let found = 0;
  while (found < count) {
    while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
    if (i === 0) return { start: 0, missing: count - found };
    for (let cjk = 0; i > 0 && !isBlank(text.charCodeAt(i - 1)); i--) {
      if (isCjk(text.charCodeAt(i - 1)) && cjk++ === CJK_CHARS_PER_WORD) break;
    }
    found += 1;
  }
  return { start: i, missing: 0 };
}

/** Where `count` words after `at` in `text` end, or how many words it lacked (end: its length). */
export function wordsAfter(text: string, at: number, count: number): { end: number; missing: number } {
  let i = at;
  let found = 0;
  while (found < count) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    if (i === text.length) return { end: i, missing: count - found };
    for (let cjk = 0; i < text.length && !isBlank(text.charCodeAt(i)); i++) {
      if (isCjk(text.charCodeAt(i)) && cjk++ === CJK_CHARS_PER_WORD) break;
    }
    found += 1;
  }
  return { end: i, missing: 0 };
}
