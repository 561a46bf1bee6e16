// The Markdown parser knows only `\n` line ends; documents also have CRLF (Windows) and lone CR.
// The parser reads a copy with `\n` only; positions in the copy map back to the source exactly.
import { countBelow } from './ascending';

export interface LfText {
  /** The source with every CRLF and lone CR replaced by `\n`. */
  text: string;
  /** Source offset of a copy offset (a range [a, b) of the copy is [toSource(a), toSource(b)) of the source). */
  toSource(offset: number): number;
}

export function toLf(source: string): LfText {
  if (source.indexOf('\r') < 0) return { text: source, toSource: (offset) => offset };
  // Copy offsets of the `\n` of each CRLF: its CR was dropped, so every later offset moves by one.
  const dropped: number[] = [];
  const text = source.replace(/\r\n?/g, (match: string, offset: number) => {
    if (match.length === 2) dropped.push(offset - dropped.length);
    return '\n';
  });
  return {
    text,
    toSource(offset: number): number {
      // Number of dropped CRs strictly before `offset`: a range ending at a `\n` ends before its CR.
      return offset + countBelow(dropped, offset);
    },
  };
}
