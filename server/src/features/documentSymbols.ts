// The Outline and breadcrumbs: entities grouped by label ("Places (GPE)"), each distinct entity
// once with its mention count, jumping to its first mention. Every symbol's range is one mention,
// never a stretch of lines: sticky scroll and breadcrumbs stay with the document's headings. Clients without hierarchical symbols get a flat
// list with the label as container.
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';
import type { LabelExplainer } from '../entities/labels';
import { labelName } from '../../../shared/entityLabels';

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
    // Only the first mention, not the span from the first to the last: a symbol whose range
    // covers lines makes VS Code pin its first line in sticky scroll over every line below it,
    // name the label in the breadcrumb of any line in between, and (the sum of its symbols'
    // line spans being largest) prefer Samsara's symbols to the Markdown headings there.
    const first = children.reduce(
      (earliest, child) => (compare(child.range.start, earliest.start) < 0 ? child.range : earliest),
      children[0].range,
    );
    return {
      name: labelName(group.label),
      detail: labels.explain(group.label),
      kind: SymbolKind.Namespace,
      range: first,
      selectionRange: first,
      children,
    };
  });
}

export function flatSymbols(model: EntityModel, uri: string): SymbolInformation[] {
  return model.groups.flatMap((group) =>
    group.entities.map((entity) => ({
      name: `${entity.text.replace(/\s+/g, ' ').trim()} (${mentionCount(entity.mentions.length)})`,
      kind: KINDS[group.label] ?? SymbolKind.Field,
      containerName: labelName(group.label),
      location: { uri, range: entity.mentions[0].range },
    })),
  );
}

function compare(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}
