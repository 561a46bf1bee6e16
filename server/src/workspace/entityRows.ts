// One row per entity mention, as `samsara entities` prints it and the workspace export writes it:
// the file, the label, the text, where it starts and ends as an editor shows it (1-based line and
// column, columns in UTF-16 units as LSP counts them), and its UTF-16 offsets in the file's text.
import type { Range } from 'vscode-languageserver';
import { csvField } from '../../../shared/csv';
import type { ExportFormat } from '../../../shared/lsp';

export interface EntityRow {
  file: string;
  label: string;
  text: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
  /** The entity the mention counts for (`samsara entities --aliases`): story bible id or shared name. */
  entity?: string;
}

export const CSV_COLUMNS = ['file', 'label', 'text', 'line', 'column', 'end_line', 'end_column', 'start', 'end'] as const;

export function entityRow(file: string, entity: { label: string; text: string; start: number; end: number; range: Range }): EntityRow {
  return {
    file,
    label: entity.label,
    text: entity.text,
    line: entity.range.start.line + 1,
    column: entity.range.start.character + 1,
    endLine: entity.range.end.line + 1,
    endColumn: entity.range.end.character + 1,
    start: entity.start,
    end: entity.end,
  };
}

/** The CSV header line (CRLF-terminated, as RFC 4180 has it). */
export function csvHeader(extra: readonly string[] = []): string {
  return `${[...CSV_COLUMNS, ...extra].join(',')}\r\n`;
}

export function formatRow(row: EntityRow, format: ExportFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(row)}\n`;
  const { file, label, text, line, column, endLine, endColumn, start, end, entity } = row;
  const fields = [file, label, text, line, column, endLine, endColumn, start, end, ...(entity === undefined ? [] : [entity])];
  return `${fields.map(csvField).join(',')}\r\n`;
}
