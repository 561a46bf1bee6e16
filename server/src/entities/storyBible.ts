// The story bible: the entities a writer declared in the entity rules file, each with an id, a
// canonical name, other names (aliases) and notes. A mention whose text is one of an entry's names
// is a mention of that entry, whatever spelling the prose uses ("Emma", "Miss Woodhouse",
// "Emma Woodhouse"). Names compare as entity keys do (normalise.ts: case, spaces, "the", a
// possessive set aside).
//
// Two entries may not share a name: a name that is one entry's canonical name stays that entry's
// (an alias elsewhere does not take it), and an alias two entries claim belongs to neither, so
// its mentions stay apart rather than be counted for the wrong person. Both are reported.
import type { Range } from 'vscode-languageserver';
import { normaliseEntityText } from './normalise';

export interface BibleEntry {
  /** The entry's handle: its `id`, or its canonical name. */
  id: string;
  /** The canonical name, as written in the rules file. */
  name: string;
  label: string;
  /** Other names, as written. */
  aliases: readonly string[];
  /** Markdown, as written (the hover neutralises it). */
  notes?: string;
  /** Where the entry is written: the file, the entry's index in its `known` list, its range. */
  source: { uri: string; index: number; range: Range };
}

/** A name two entries claim, and what became of it. */
export interface BibleConflict {
  text: string;
  /** The entry that keeps the name (its canonical name), if any. */
  keptBy?: string;
  /** Entries whose alias it is and that do not get it. */
  refused: string[];
  /** Where the refused aliases are written. */
  sources: { uri: string; range: Range }[];
}

export class StoryBible {
  static readonly EMPTY = new StoryBible([]);

  private readonly byName = new Map<string, BibleEntry>();
  private readonly byIdMap = new Map<string, BibleEntry>();
  readonly conflicts: readonly BibleConflict[];

  constructor(readonly entries: readonly BibleEntry[]) {
    const conflicts: BibleConflict[] = [];
    for (const entry of entries) {
      if (!this.byIdMap.has(entry.id)) this.byIdMap.set(entry.id, entry);
      const name = normaliseEntityText(entry.name);
      if (!this.byName.has(name)) this.byName.set(name, entry);
    }
    // Aliases after every canonical name, so that a canonical name always wins.
    const claimed = new Map<string, BibleEntry[]>();
    for (const entry of entries) {
      for (const alias of entry.aliases) {
        const name = normaliseEntityText(alias);
        const owner = this.byName.get(name);
        if (owner && normaliseEntityText(owner.name) === name) {
          if (owner !== entry) conflicts.push({ text: alias, keptBy: owner.id, refused: [entry.id], sources: [entry.source] });
          continue;
        }
        const list = claimed.get(name) ?? [];
        if (!list.includes(entry)) list.push(entry);
        claimed.set(name, list);
      }
    }
    for (const [name, owners] of claimed) {
      if (owners.length === 1) this.byName.set(name, owners[0]);
      else conflicts.push({ text: name, refused: owners.map((e) => e.id), sources: owners.map((e) => e.source) });
    }
    this.conflicts = conflicts;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entry a mention's text names (undefined: none, or a name two entries claim). */
  entryFor(text: string): BibleEntry | undefined {
    return this.byName.get(normaliseEntityText(text));
  }

  byId(id: string): BibleEntry | undefined {
    return this.byIdMap.get(id);
  }

  /** The entity key (label + normalised canonical name) every mention of `entry` is counted under. */
  static keyOf(entry: BibleEntry): string {
    return `${entry.label}:${normaliseEntityText(entry.name)}`;
  }
}

/**
 * Entity spans of texts sent to a language model, read through the story bible: a mention of an
 * entry ("Emma") is named by the entry ("Emma Woodhouse", its label), so probe fidelity counts it
 * for the entry and pseudonymisation gives every alias the entry's placeholder. Offsets are kept.
 */
export function throughBible<T extends { text: string; label: string }>(spans: T[][], bible: StoryBible): (T & { name?: string })[][] {
  if (bible.size === 0) return spans;
  return spans.map((list) =>
    list.map((span) => {
      const entry = bible.entryFor(span.text);
      return entry ? { ...span, text: entry.name, label: entry.label, name: entry.name } : span;
    }),
  );
}
