// One document's entities at one version, as every view reads them: tokens, diagnostics, hover,
// symbols, highlights, references and the Entities view. Built once per analysis; ranges, keys,
// the index by key and the grouping by label are computed here once, so no view recomputes what
// another already has.
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ONTONOTES_LABELS } from '../../../shared/entityLabels';
import { normaliseEntityText } from './normalise';

/** An entity with offsets in the whole document (UTF-16). */
export interface DocumentEntity {
  label: string;
  text: string;
  start: number;
  end: number;
}

export interface ModelEntity extends DocumentEntity {
  range: Range;
  /** Label + normalised text: mentions of the same entity share it. */
  key: string;
}

/** A distinct entity: every mention of one key, in document order. */
export interface EntityGroup {
  key: string;
  label: string;
  /** The text as first mentioned. */
  text: string;
  mentions: readonly ModelEntity[];
}

export interface LabelGroup {
  label: string;
  /** Most mentioned first; ties in order of first mention. */
  entities: readonly EntityGroup[];
}

const LABEL_ORDER = new Map<string, number>(ONTONOTES_LABELS.map((label, i) => [label, i]));

export class EntityModel {
  private readonly byKey = new Map<string, ModelEntity[]>();
  private labelGroups: LabelGroup[] | undefined;

  private constructor(
    readonly uri: string,
    readonly version: number,
    /** Sorted by start, not overlapping. */
    readonly entities: readonly ModelEntity[],
  ) {
    for (const entity of entities) {
      const mentions = this.byKey.get(entity.key);
      if (mentions) mentions.push(entity);
      else this.byKey.set(entity.key, [entity]);
    }
  }

  /** The model of `document` from its entities in document order (an overlapping one is dropped). */
  static build(document: TextDocument, entities: readonly DocumentEntity[]): EntityModel {
    const normalised = new Map<string, string>();
    const out: ModelEntity[] = [];
    let end = 0;
    for (const entity of entities) {
      if (entity.start < end) continue;
      end = entity.end;
      let folded = normalised.get(entity.text);
      if (folded === undefined) {
        folded = normaliseEntityText(entity.text);
        normalised.set(entity.text, folded);
      }
      out.push({
        label: entity.label,
        text: entity.text,
        start: entity.start,
        end: entity.end,
        range: { start: document.positionAt(entity.start), end: document.positionAt(entity.end) },
        key: `${entity.label}:${folded}`,
      });
    }
    return new EntityModel(document.uri, document.version, out);
  }

  /** The entity at `offset`; a cursor just after an entity's last character is still on it. */
  at(offset: number): ModelEntity | undefined {
    const i = this.lastStartingAtOrBefore(offset);
    if (i < 0) return undefined;
    const entity = this.entities[i];
    return offset <= entity.end ? entity : undefined;
  }

  /** Entities that overlap [start, end), in order. */
  overlapping(start: number, end: number): readonly ModelEntity[] {
    let first = this.lastStartingAtOrBefore(start);
    if (first < 0 || this.entities[first].end <= start) first += 1;
    let last = first;
    while (last < this.entities.length && this.entities[last].start < end) last += 1;
    return this.entities.slice(first, last);
  }

  /** Every mention of the entity `entity` is a mention of (itself included), in order. */
  mentionsOf(entity: ModelEntity): readonly ModelEntity[] {
    return this.byKey.get(entity.key) ?? [entity];
  }

  /** Distinct entities by label: labels in OntoNotes order, then the others alphabetically. */
  get groups(): readonly LabelGroup[] {
    if (!this.labelGroups) this.labelGroups = this.group();
    return this.labelGroups;
  }

  private group(): LabelGroup[] {
    const byLabel = new Map<string, EntityGroup[]>();
    // byKey iterates in order of first mention.
    for (const [key, mentions] of this.byKey) {
      const label = mentions[0].label;
      const group: EntityGroup = { key, label, text: mentions[0].text, mentions };
      const list = byLabel.get(label);
      if (list) list.push(group);
      else byLabel.set(label, [group]);
    }
    return [...byLabel.entries()]
      .sort(([a], [b]) => (LABEL_ORDER.get(a) ?? Infinity) - (LABEL_ORDER.get(b) ?? Infinity) || a.localeCompare(b))
      .map(([label, entities]) => ({
        label,
        // Stable sort: ties keep their order of first mention.
        entities: entities.sort((a, b) => b.mentions.length - a.mentions.length),
      }));
  }

  private lastStartingAtOrBefore(offset: number): number {
    let low = 0;
    let high = this.entities.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.entities[mid].start <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }
}
