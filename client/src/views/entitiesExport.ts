// "Copy as CSV" and "Export as JSON" of the Entities view: what the view lists (after its filter),
// formatted for a spreadsheet or a script. Pure functions over the shared contract's types, so
// they are unit-tested without an editor. Positions are 1-based, as the editor shows them.
import { csvField } from '../../../shared/csv';
import type { DocumentEntities, EntitySummary } from '../../../shared/lsp';

export const CSV_HEADER = ['label', 'entity', 'mentions', 'first line', 'first column'] as const;

function csvRow(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',');
}

/** One row per distinct entity, labels in the view's order; CRLF line ends as RFC 4180 says. */
export function entitiesToCsv(model: DocumentEntities): string {
  const rows = [csvRow(CSV_HEADER)];
  for (const group of model.labels) {
    for (const entity of group.entities) {
      const first = entity.mentions[0]?.start;
      rows.push(csvRow([group.label, entity.text, entity.mentions.length, first ? first.line + 1 : '', first ? first.character + 1 : '']));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

export interface ExportedMention {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ExportedEntity {
  label: string;
  text: string;
  count: number;
  mentions: ExportedMention[];
}

export interface EntitiesExport {
  uri: string;
  version: number;
  /** The view's filter when the list was exported ('' when none). */
  filter: string;
  labels: { label: string; explanation: string; entities: ExportedEntity[] }[];
}

function exportEntity(entity: EntitySummary): ExportedEntity {
  return {
    label: entity.label,
    text: entity.text,
    count: entity.mentions.length,
    mentions: entity.mentions.map(({ start, end }) => ({
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    })),
  };
}

export function entitiesToJson(model: DocumentEntities, filter: string): string {
  const exported: EntitiesExport = {
    uri: model.uri,
    version: model.version,
    filter,
    labels: model.labels.map((group) => ({
      label: group.label,
      explanation: group.explanation,
      entities: group.entities.map(exportEntity),
    })),
  };
  return `${JSON.stringify(exported, null, 2)}\n`;
}
