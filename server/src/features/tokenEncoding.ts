// Semantic tokens as LSP encodes them: five integers per token (line delta, start delta, length,
// type index, modifier bits), each position relative to the token before. An entity that spans a
// line break becomes one token per line, so no client needs multiline token support. Deltas are
// computed on these integers: relative positions mean an edit changes the tokens it touches (and
// the line delta of the first token after it), so the common prefix and suffix are almost all.
import type { Position, SemanticTokensEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentEntity } from '../entities/entityModel';

/** An entity to encode; its range is computed from the document when it has none. */
export type TokenEntity = DocumentEntity & { range?: { start: Position; end: Position } };

/** Tokens of `entities` (sorted by start, not overlapping) with the type index `typeOf` gives. */
export function encodeTokens(document: TextDocument, entities: readonly TokenEntity[], typeOf: (label: string) => number): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousStart = 0;
  const push = (line: number, character: number, length: number, type: number): void => {
    if (length <= 0) return;
    data.push(line - previousLine, line === previousLine ? character - previousStart : character, length, type, 0);
    previousLine = line;
    previousStart = character;
  };
  for (const entity of entities) {
    const start = entity.range?.start ?? document.positionAt(entity.start);
    const end = entity.range?.end ?? document.positionAt(entity.end);
    const type = typeOf(entity.label);
    if (start.line === end.line) {
      push(start.line, start.character, end.character - start.character, type);
      continue;
    }
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const to = line === end.line ? end.character : lineLength(document, line);
      push(line, from, to - from, type);
    }
  }
  return data;
}

/** Length of `line` without its line break. */
function lineLength(document: TextDocument, line: number): number {
  const start = document.offsetAt({ line, character: 0 });
  const next = document.offsetAt({ line: line + 1, character: 0 });
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  let length = next - start;
  if (text.endsWith('\r\n')) length -= 2;
  else if (text.endsWith('\n') || text.endsWith('\r')) length -= 1;
  return length;
}

/**
 * The edit that turns `previous` into `next`: one replacement between their common prefix and
 * suffix, both whole tokens; no edit when they are equal.
 */
export function tokenEdits(previous: readonly number[], next: readonly number[]): SemanticTokensEdit[] {
  const shorter = Math.min(previous.length, next.length);
  let prefix = 0;
  while (prefix < shorter && previous[prefix] === next[prefix]) prefix++;
  if (prefix === previous.length && prefix === next.length) return [];
  prefix -= prefix % 5;
  let suffix = 0;
  while (suffix < shorter - prefix && previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  suffix -= suffix % 5;
  return [{ start: prefix, deleteCount: previous.length - prefix - suffix, data: next.slice(prefix, next.length - suffix) }];
}
