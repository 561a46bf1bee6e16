// The smallest line edits that turn one text into another: common lines at both ends are kept,
// and the lines between are matched by a longest common subsequence, so an edit that touched two
// places of a file comes out as two small edits (undo restores exactly what they replaced).
import type { Position, TextEdit } from 'vscode-languageserver';

/** Past this many line pairs the middle is replaced whole (quadratic matching would cost too much). */
const MAX_MATCHING_CELLS = 1_000_000;

export function textEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = linesOf(before);
  const b = linesOf(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const hunks = matchMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)).map((hunk) => ({
    fromA: hunk.fromA + head,
    toA: hunk.toA + head,
    text: hunk.text,
  }));
  return hunks.map((hunk) => ({ range: { start: lineStart(a, hunk.fromA), end: lineStart(a, hunk.toA) }, newText: hunk.text }));
}

/** Hunks [fromA, toA) of `a` to replace by `text`, from an LCS of the lines. */
function matchMiddle(a: string[], b: string[]): { fromA: number; toA: number; text: string }[] {
  if (a.length * b.length > MAX_MATCHING_CELLS || a.length === 0 || b.length === 0) {
    return a.length === 0 && b.length === 0 ? [] : [{ fromA: 0, toA: a.length, text: b.join('') }];
  }
  // lengths[i][j]: LCS length of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const hunks: { fromA: number; toA: number; text: string }[] = [];
  let i = 0;
  let j = 0;
  let open: { fromA: number; text: string } | undefined;
  const close = (): void => {
    if (open) hunks.push({ fromA: open.fromA, toA: i, text: open.text });
    open = undefined;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      close();
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      open ??= { fromA: i, text: '' };
      open.text += b[j++];
    } else {
      open ??= { fromA: i, text: '' };
      i++;
    }
  }
  close();
  return hunks;
}

/** Lines with their line ends (the last one may have none). */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Where line `index` of `lines` starts; past the last line: the end of the text. */
function lineStart(lines: string[], index: number): Position {
  const last = lines[lines.length - 1];
  // A text whose last line has no line end: its end is on that line, not on a line after it.
  if (index === lines.length && last !== undefined && !last.endsWith('\n')) return { line: index - 1, character: last.length };
  return { line: index, character: 0 };
}
