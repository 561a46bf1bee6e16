// A document's prose as extracted, kept so that the extraction after an edit can start from it:
// the pieces before the edited stretch are the same, and those after it too, shifted. Where this
// is safe is the whole matter, so it is spelled out here:
// - Up to a piece start `x` before the first changed character, the previous extraction read only
//   text before `x`, when `x` starts a line that is not blank (a blank-line run could otherwise
//   grow into the edit), and the front matter is unchanged (its end is looked for anywhere).
//   A piece that ended open looked further for its end, but a piece that closed before `x`
//   found its end before `x` in both texts.
// - From a piece start past the edit (the character before it unchanged too, since a closer is
//   matched from the line end before a piece) that the previous extraction also started a piece
//   at, both read the same text from there on, from the same state: no block is open at a piece
//   start.
import { countBelow } from './ascending';
import { commonPrefix, commonSuffix } from './commonEnds';
import { shiftBlock, type ProseBlock } from './proseBlock';

/** How a document's prose is told from its syntax (see formats/formatProse.ts). */
export type ProseSyntax = 'markdown' | 'plain' | 'latex' | 'restructuredtext' | 'typst' | 'asciidoc' | 'org';

export interface Extraction {
  readonly text: string;
  readonly syntax: ProseSyntax;
  /** Where the prose begins: after the front matter, if any. */
  readonly start: number;
  readonly blocks: ProseBlock[];
  /** Where each piece starts (no block is open there), ascending, and the index of its first block. */
  readonly pieceStarts: readonly number[];
  readonly pieceFirstBlocks: readonly number[];
  /**
   * The index of the first block not taken from the extraction before an edit (the edit can have
   * changed it, and the ones after it up to the reused ones); 0 for an extraction from scratch.
   * (For a text equal to the previous one, the previous extraction itself is returned.)
   */
  readonly firstNew: number;
}

export interface EditSpan {
  /** The text is the previous one. */
  unchanged: boolean;
  /** The index of the previous piece the extraction may start again from; undefined: the start. */
  restart: number | undefined;
  /** Characters at the end both texts share. */
  suffix: number;
  /** The new length minus the previous one. */
  delta: number;
}

/** Where `text` differs from the previous extraction's text, and what of that extraction holds. */
export function editBetween(previous: Extraction, text: string, start: number): EditSpan | undefined {
  if (previous.start !== start) return undefined;
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  if (prefix === old.length && prefix === text.length) return { unchanged: true, restart: undefined, suffix: text.length, delta: 0 };
  const suffix = commonSuffix(old, text, prefix);
  // The last piece start before the edit, on a line that is not blank; never the first piece.
  let restart: number | undefined = lastBelow(previous.pieceStarts, prefix);
  while (restart !== undefined && restart >= 1 && !proseBefore(old, previous.pieceStarts[restart], prefix)) restart--;
  if (restart !== undefined && restart < 1) restart = undefined;
  return { unchanged: false, restart, suffix, delta: text.length - old.length };
}

/** Index of `value` in the ascending `values`, or -1. */
export function indexOf(values: readonly number[], value: number): number {
  const at = lastBelow(values, value + 1);
  return at !== undefined && values[at] === value ? at : -1;
}

/** The previous extraction's pieces from `from` on, shifted by `delta`, appended to the new one. */
export function appendShifted(
  previous: Extraction,
  from: number,
  delta: number,
  into: { starts: number[]; firsts: number[]; out: ProseBlock[] },
): void {
  const offset = into.out.length - previous.pieceFirstBlocks[from];
  for (let i = from; i < previous.pieceStarts.length; i++) {
    into.starts.push(previous.pieceStarts[i] + delta);
    into.firsts.push(previous.pieceFirstBlocks[i] + offset);
  }
  const blocks = previous.blocks;
  for (let i = previous.pieceFirstBlocks[from]; i < blocks.length; i++)
    into.out.push(delta === 0 ? blocks[i] : shiftBlock(blocks[i], delta));
}

/** Index of the last of the ascending `values` below `limit`. */
function lastBelow(values: readonly number[], limit: number): number | undefined {
  const below = countBelow(values, limit);
  return below === 0 ? undefined : below - 1;
}

/**
 * Whether the line from `at` holds a character that is not a blank before `limit` (the first
 * changed one): then it is not a blank line in either text. (Not whether the line starts with a
 * blank: a plain-text paragraph indented by three spaces, as in the Jargon File, is not a blank
 * line, and taking it for one sent every edit of such a document back to its start.)
 */
function proseBefore(text: string, at: number, limit: number): boolean {
  let i = at;
  while (i < limit && isBlank(text.charCodeAt(i))) i++;
  return i < limit && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13;
}

/** Space, tab, vertical tab, form feed: what a blank line may hold. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12;
}
