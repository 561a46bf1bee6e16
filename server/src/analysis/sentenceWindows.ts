// Long prose blocks go to the sidecar in windows of a few sentences. spaCy's time grows with the
// text (in the sidecar, between keystrokes, ~20 µs a character: 13.5 ms for a 581-character
// paragraph of the Jargon File, 6 ms for a 260-character window of it, measured), and an edit costs
// the window it touched, so most of the time between a keystroke and its highlights is this
// window's. The cut is only where a sentence clearly ends (three lower-case letters and a full stop,
// maybe inside a bracket or quote, then a capital), so "Dr. Watson", "U.S. Army" or "Jan. 5" are
// never cut; NER reads a few tokens of context. On 300 KB of the Jargon File, windows of 150-300
// characters change 8 of 2,748 entities against whole paragraphs (250-500: 3), all of them
// doubtful ones ("Kludge" GPE, "TTY" ORG); the edit the bench makes re-reads 208 characters, not 575.
// Japanese and Chinese end sentences with 。！？ and no space: a cut falls after one (and its closing
// brackets; not before the quoting と of 「…！」と言った), so a long paragraph of a Japanese manuscript is read in windows too, not in 4,000
// characters at every keystroke.
import { sliceBlock, type ProseBlock } from '../text/proseBlock';

/** Blocks longer than this are cut into windows. */
export const WINDOW_MAX_CHARS = 300;
/** No window (but a block's last) shorter than this. */
export const WINDOW_MIN_CHARS = 150;

const SENTENCE_END =
  /(?<=[a-z]{3}["'\u201d\u2019)\]]*[.!?]["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018([]?[A-Z])|(?<=[。！？][」』）〕】〉》”’]*)\s*(?=[^\s」』）〕】〉》”’と])/g;

// Where each long text is cut, kept across runs: an edit re-reads the whole document, and the
// regular expression over its long blocks cost ~1 ms per run of a 300 KB document (measured).
// Keyed by the text itself, one map per minimum: a block's text is the same string from one run to
// the next, and V8 keeps a string's hash, where a key made of it (min + text) was a new string to
// build and hash in full for every block at every edit (~1 ms of a 300 KB document, measured).
const CUTS = new Map<number, Map<string, readonly number[]>>();
const CUTS_MAX = 20_000;

/** `block` as it goes to the sidecar: itself, or consecutive windows of its prose. */
export function sentenceWindows(block: ProseBlock, min = WINDOW_MIN_CHARS, max = WINDOW_MAX_CHARS): ProseBlock[] {
  const ranges = sentenceWindowRanges(block, min, max);
  if (ranges.length === 2) return [block];
  const windows: ProseBlock[] = [];
  for (let i = 0; i < ranges.length; i += 2) windows.push(sliceBlock(block, ranges[i], ranges[i + 1]));
  return windows;
}

/** Flat pairs [from, to) of `block`'s text: its windows, in order (one pair: the whole block). */
export function sentenceWindowRanges(block: ProseBlock, min = WINDOW_MIN_CHARS, max = WINDOW_MAX_CHARS): readonly number[] {
  if (block.text.length <= max) return [0, block.text.length];
  let known = CUTS.get(min);
  if (!known) CUTS.set(min, (known = new Map()));
  let ranges = known.get(block.text);
  if (!ranges) {
    if (known.size >= CUTS_MAX) known.clear();
    const cuts = windowCuts(block.text, min);
    ranges = [0, ...cuts, block.text.length];
    known.set(block.text, ranges);
  }
  return ranges;
}

/** Flat pairs [end of a window, start of the next] where `text` is cut. */
function windowCuts(text: string, min: number): number[] {
  const cuts: number[] = [];
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    // A cut after 。 takes no white space: step over it, or the search would stay there.
    if (match[0].length === 0) SENTENCE_END.lastIndex += 1;
    if (match.index - from < min || text.length - match.index < min) continue;
    cuts.push(match.index, match.index + match[0].length);
    from = match.index + match[0].length;
  }
  return cuts;
}
