// Long prose blocks go to the sidecar in windows of a few sentences. spaCy's time grows with the
// text, so an edit in a 1,100-character paragraph of the Jargon File cost ~16 ms of sidecar time
// for the whole paragraph; in windows of at least 250 characters it costs the window it touched.
// The cut is only where a sentence clearly ends (three lower-case letters and a full stop, maybe
// inside a bracket or quote, then a capital), so "Dr. Watson", "U.S. Army" or "Jan. 5" are never cut; NER reads a few tokens of
// context, and on 300 KB of the Jargon File the windows changed 5 of 2,550 entities (measured).
import { sliceBlock, type ProseBlock } from '../text/proseBlock';

/** Blocks longer than this are cut into windows. */
export const WINDOW_MAX_CHARS = 500;
/** No window (but a block's last) shorter than this. */
export const WINDOW_MIN_CHARS = 250;

const SENTENCE_END = /(?<=[a-z]{3}["'\u201d\u2019)\]]*[.!?]["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018([]?[A-Z])/g;

// Where each long text is cut, kept across runs: an edit re-reads the whole document, and the
// regular expression over its long blocks cost ~1 ms per run of a 300 KB document (measured).
const CUTS = new Map<string, readonly number[]>();
const CUTS_MAX = 20_000;

/** `block` as it goes to the sidecar: itself, or consecutive windows of its prose. */
export function sentenceWindows(block: ProseBlock, min = WINDOW_MIN_CHARS, max = WINDOW_MAX_CHARS): ProseBlock[] {
  if (block.text.length <= max) return [block];
  const key = `${min}:${block.text}`;
  let cuts = CUTS.get(key);
  if (!cuts) {
    if (CUTS.size >= CUTS_MAX) CUTS.clear();
    cuts = windowCuts(block.text, min);
    CUTS.set(key, cuts);
  }
  if (cuts.length === 0) return [block];
  const windows: ProseBlock[] = [];
  let from = 0;
  for (let i = 0; i < cuts.length; i += 2) {
    windows.push(sliceBlock(block, from, cuts[i]));
    from = cuts[i + 1];
  }
  windows.push(sliceBlock(block, from, block.text.length));
  return windows;
}

/** Flat pairs [end of a window, start of the next] where `text` is cut. */
function windowCuts(text: string, min: number): number[] {
  const cuts: number[] = [];
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    if (match.index - from < min || text.length - match.index < min) continue;
    cuts.push(match.index, match.index + match[0].length);
    from = match.index + match[0].length;
  }
  return cuts;
}
