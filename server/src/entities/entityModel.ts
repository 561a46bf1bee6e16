// One document's entities at one version, as every view reads them: tokens, diagnostics, hover,
// symbols, highlights, references and the Entities view. Built once per analysis; ranges, keys,
// the index by key and the grouping by label are computed here once, so no view recomputes what
// another already has.
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ONTONOTES_LABELS } from '../../../shared/entityLabels';
import { normaliseEntityText } from './normalise';
import { PERSON_LABEL, personAliases } from './personNames';
import { StoryBible, type BibleEntry } from './storyBible';

/** An entity with offsets in the whole document (UTF-16). */
export interface DocumentEntity {
  label: string;
  text: string;
  start: number;
  end: number;
}

export interface ModelEntity extends DocumentEntity {
  range: Range;
}

/** A distinct entity: every mention of one key, in document order. */
export interface EntityGroup {
  /**
   * Label + normalised text: mentions of the same entity share it. A person's single name
   * ("Shannon") shares the key of the one full name it stands for ("Claude Shannon").
   */
  key: string;
  label: string;
  /** The text as first mentioned; for a person, as first mentioned in full. */
  text: string;
  mentions: readonly ModelEntity[];
}

export interface LabelGroup {
  label: string;
  /** Most mentioned first; ties in order of first mention. */
  entities: readonly EntityGroup[];
}

interface EntityIndex {
  byKey: Map<string, ModelEntity[]>;
  keyOf: Map<ModelEntity, string>;
  /** The text each key is shown by: its first mention in full. */
  names: Map<string, string>;
  /** Keys of persons some of whose mentions are short forms of the full name. */
  shortened: Set<string>;
  /** Keys of story bible entries, with their entry. */
  entries: Map<string, BibleEntry>;
}

const LABEL_ORDER = new Map<string, number>(ONTONOTES_LABELS.map((label, i) => [label, i]));

// Normalised texts, kept across builds: every edit rebuilds a model of thousands of entities with
// mostly the same few hundred texts. Bounded; cleared whole when full (cheap to refill).
const NORMALISED = new Map<string, string>();
const NORMALISED_MAX = 50_000;

function normalised(text: string): string {
  let folded = NORMALISED.get(text);
  if (folded === undefined) {
    if (NORMALISED.size >= NORMALISED_MAX) NORMALISED.clear();
    folded = normaliseEntityText(text);
    NORMALISED.set(text, folded);
  }
  return folded;
}

/** Positions of increasing offsets, found by walking forward over the line starts. */
class LineSweep {
  private readonly starts: number[];
  private line = 0;

  constructor(text: string) {
    this.starts = lineStarts(text);
  }

  positionAt(offset: number): Position {
    const starts = this.starts;
    // Offsets mostly increase; one that does not starts the walk again from the top.
    if (starts[this.line] > offset) this.line = 0;
    while (this.line + 1 < starts.length && starts[this.line + 1] <= offset) this.line += 1;
    return { line: this.line, character: offset - starts[this.line] };
  }
}

/** Offsets where lines start (after LF, CRLF or a lone CR), as LSP counts lines. */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (code === 10 || code === 13) starts.push(i + 1);
  }
  return starts;
}

export class EntityModel {
  // The index by key is built when a view first needs it, not with the model: semantic tokens,
  // what the user waits for after an edit, do not.
  private index: EntityIndex | undefined;
  private labelGroups: LabelGroup[] | undefined;

  private constructor(
    readonly uri: string,
    readonly version: number,
    /** Sorted by start, not overlapping. */
    readonly entities: readonly ModelEntity[],
    /** The story bible the mentions are grouped by (the entity rules' entries and aliases). */
    readonly bible: StoryBible,
  ) {}

  /** The model of `document` from its entities in document order (an overlapping one is dropped). */
  static build(document: TextDocument, entities: readonly DocumentEntity[], bible: StoryBible = StoryBible.EMPTY): EntityModel {
    // Entities come in document order: one sweep over the line starts places them all, where a
    // binary search per offset cost twice as much on a 300 KB document (measured).
    const text = document.getText();
    const lines = new LineSweep(text);
    const out: ModelEntity[] = [];
    let end = 0;
    for (const entity of entities) {
      if (entity.start < end) continue;
      end = entity.end;
      out.push({
        label: entity.label,
        text: entity.text,
        start: entity.start,
        end: entity.end,
        range: { start: lines.positionAt(entity.start), end: lines.positionAt(entity.end) },
      });
    }
    return new EntityModel(document.uri, document.version, out, bible);
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
    const { byKey, keyOf } = this.indexed();
    const key = keyOf.get(entity);
    return (key !== undefined && byKey.get(key)) || [entity];
  }

  /** The mentions counted under `key`, in order ([] when the document has none). */
  mentionsOfKey(key: string): readonly ModelEntity[] {
    return this.indexed().byKey.get(key) ?? [];
  }

  /** The key every mention of `entity`'s entity shares (label + normalised name). */
  keyOf(entity: ModelEntity): string {
    return this.indexed().keyOf.get(entity) ?? `${entity.label}:${normalised(entity.text)}`;
  }

  /** The story bible entry `entity` is a mention of, if any. */
  entryOf(entity: ModelEntity): BibleEntry | undefined {
    const { keyOf, entries } = this.indexed();
    const key = keyOf.get(entity);
    return key === undefined ? undefined : entries.get(key);
  }

  /** The full name a person's mentions are counted under, when some of them are short forms ("Shannon"). */
  fullNameOf(entity: ModelEntity): string | undefined {
    const { keyOf, names, shortened } = this.indexed();
    const key = keyOf.get(entity);
    return key !== undefined && shortened.has(key) ? names.get(key) : undefined;
  }

  private indexed(): EntityIndex {
    if (this.index) return this.index;
    const folded = this.entities.map((entity) => normalised(entity.text));
    // A person's single name counts as a mention of the full name it stands for (personNames.ts).
    const aliases = personAliases(folded.filter((_, i) => this.entities[i].label === PERSON_LABEL));
    const byKey = new Map<string, ModelEntity[]>();
    const keyOf = new Map<ModelEntity, string>();
    const names = new Map<string, string>();
    const shortened = new Set<string>();
    const entries = new Map<string, BibleEntry>();
    const bible = this.bible.size > 0 ? this.bible : undefined;
    this.entities.forEach((entity, i) => {
      const own = folded[i];
      const alias = entity.label === PERSON_LABEL ? aliases.get(own) : undefined;
      // A name the story bible knows (the entry's own or an alias, or the full name a short form
      // stands for) is that entry's mention, under its label and canonical name.
      const entry = bible && (bible.entryFor(own) ?? (alias === undefined ? undefined : bible.entryFor(alias)));
      if (entry) {
        const key = StoryBible.keyOf(entry);
        keyOf.set(entity, key);
        entries.set(key, entry);
        names.set(key, entry.name);
        const mentions = byKey.get(key);
        if (mentions) mentions.push(entity);
        else byKey.set(key, [entity]);
        return;
      }
      const key = `${entity.label}:${alias ?? own}`;
      keyOf.set(entity, key);
      if (alias === undefined && !names.has(key)) names.set(key, entity.text);
      if (alias !== undefined) shortened.add(key);
      const mentions = byKey.get(key);
      if (mentions) mentions.push(entity);
      else byKey.set(key, [entity]);
    });
    this.index = { byKey, keyOf, names, shortened, entries };
    return this.index;
  }

  /** Distinct entities by label: labels in OntoNotes order, then the others alphabetically. */
  get groups(): readonly LabelGroup[] {
    if (!this.labelGroups) this.labelGroups = this.group();
    return this.labelGroups;
  }

  private group(): LabelGroup[] {
    const byLabel = new Map<string, EntityGroup[]>();
    const { byKey, names } = this.indexed();
    // byKey iterates in order of first mention.
    for (const [key, mentions] of byKey) {
      // A story bible entry's label, whatever a mention's own label was.
      const label = this.index?.entries.get(key)?.label ?? mentions[0].label;
      const group: EntityGroup = { key, label, text: names.get(key) ?? mentions[0].text, mentions };
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
