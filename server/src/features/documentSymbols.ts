// The Outline and breadcrumbs: entities grouped by label, each distinct entity once with its
// mention count, jumping to its first mention. Clients without hierarchical symbols get a flat
// list with the label as container.
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';
import type { LabelExplainer } from '../entities/labels';

/** An icon per label, so the Outline tells people from places at a glance. */
export const KINDS: Readonly<Record<string, SymbolKind>> = {
  PERSON: SymbolKind.Variable,
  NORP: SymbolKind.EnumMember,
  FAC: SymbolKind.Struct,
  ORG: SymbolKind.Class,
  GPE: SymbolKind.Module,
  LOC: SymbolKind.Package,
  PRODUCT: SymbolKind.Object,
  EVENT: SymbolKind.Event,
  WORK_OF_ART: SymbolKind.File,
  LAW: SymbolKind.Key,
  LANGUAGE: SymbolKind.String,
  DATE: SymbolKind.Constant,
  TIME: SymbolKind.Constant,
  PERCENT: SymbolKind.Number,
  MONEY: SymbolKind.Number,
  QUANTITY: SymbolKind.Number,
  ORDINAL: SymbolKind.Number,
  CARDINAL: SymbolKind.Number,
};

export function mentionCount(count: number): string {
  return `${count} ${count === 1 ? 'mention' : 'mentions'}`;
}

export function documentSymbols(model: EntityModel, labels: LabelExplainer): DocumentSymbol[] {
  return model.groups.map((group) => {
    const children: DocumentSymbol[] = group.entities.map((entity) => {
      const first = entity.mentions[0].range;
      return {
        name: entity.text.replace(/\s+/g, ' ').trim(),
        detail: mentionCount(entity.mentions.length),
        kind: KINDS[group.label] ?? SymbolKind.Field,
        range: first,
        selectionRange: first,
      };
    });
    // A label's range spans its entities' first mentions (a parent must contain its children).
    const starts = children
      .map((child) => child.range)
      .sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
    const last = children.reduce((end, child) => (compare(child.range.end, end) > 0 ? child.range.end : end), starts[0].end);
    return {
      name: group.label,
      detail: labels.explain(group.label),
      kind: SymbolKind.Namespace,
      range: { start: starts[0].start, end: last },
      selectionRange: starts[0],
      children,
    };
  });
}

export function flatSymbols(model: EntityModel, uri: string): SymbolInformation[] {
  return model.groups.flatMap((group) =>
    group.entities.map((entity) => ({
      name: `${entity.text.replace(/\s+/g, ' ').trim()} (${mentionCount(entity.mentions.length)})`,
      kind: KINDS[group.label] ?? SymbolKind.Field,
      containerName: group.label,
      location: { uri, range: entity.mentions[0].range },
    })),
  );
}

function compare(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}
