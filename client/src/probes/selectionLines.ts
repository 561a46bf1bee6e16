// The lines a selection spans, as transcripts record them (from 1, both included). Pure (the
// selections' shape only), so unit tests read it.
import type * as vscode from 'vscode';

/** The lines (from 1) the selections span; a selection ending at the start of a line ends on the line before. */
export function selectedLines(
  selections: readonly Pick<vscode.Selection, 'isEmpty' | 'start' | 'end'>[],
): { start: number; end: number } | undefined {
  const spans = selections
    .filter((s) => !s.isEmpty)
    .map((s) => ({ start: s.start.line + 1, end: (s.end.character === 0 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line) + 1 }));
  if (spans.length === 0) return undefined;
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}
