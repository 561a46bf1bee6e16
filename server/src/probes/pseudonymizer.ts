// Replaces names by stable placeholders before anything is sent, and puts them back in what the
// user sees. One Pseudonymizer serves one probe run, so a name gets the same placeholder in every
// turn and every variable: "Ada Lovelace" is [PERSON_1] in the selection, in {{entities}} and in a
// follow-up alike. The names are found by the sidecar (the spans given to mask) and, so that a
// name the model missed in one place is still hidden there, by searching every text for each
// name already known (case-insensitive, whole words, where `_`, `-`, `.` and `/` also end a word:
// "ada_lovelace-notes.md" names Ada Lovelace). A person's first or last name on its own gets the
// person's placeholder too. Placeholders never collide with text that already holds something
// shaped like one: such tokens are reserved up front and skipped in the numbering. Names are never
// restored inside a URL, an HTML tag or a link target: a reply that puts a placeholder there (a
// prompt injection asking for `<img src="https://…?n=[PERSON_1]">`) would otherwise send the real
// name wherever the transcript is rendered.
import { normalizeEntityText } from '../../../shared/probes/fidelity';
import type { Placeholder } from '../../../shared/probes/transcript';

export interface EntitySpan {
  start: number;
  end: number;
  text: string;
  label: string;
  /** The name the mention stands for (a story bible entry's): every alias gets that name's placeholder. */
  name?: string;
}

const PLACEHOLDER_LIKE = /\[([A-Z][A-Z0-9_]*_\d+)\]/g;

interface Candidate {
  start: number;
  end: number;
  placeholder: string;
}

export class Pseudonymizer {
  private readonly byKey = new Map<string, Placeholder>();
  private readonly byPlaceholder = new Map<string, Placeholder>();
  /** Search strings (lower case) → placeholder: full names and, for people, their name parts. */
  private readonly aliases = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly reserved = new Set<string>();

  /** `reserved`: every text of the run, so a placeholder never repeats one already in them. */
  constructor(
    readonly labels: ReadonlySet<string>,
    reserved: readonly string[] = [],
  ) {
    for (const text of reserved) for (const m of text.matchAll(PLACEHOLDER_LIKE)) this.reserved.add(m[0]);
  }

  /** Each placeholder issued and the name it stands for, in the order they were issued. */
  get mapping(): Placeholder[] {
    return [...this.byPlaceholder.values()];
  }

  /** The placeholder of a name, issued on first sight; `name`: the entity it is a mention of. */
  placeholderFor(text: string, label: string, name?: string): string {
    const key = `${label}\u0000${normalizeEntityText(name ?? text)}`;
    const known = this.byKey.get(key);
    if (known) {
      // "Emma" after "Emma Woodhouse" (a story bible alias): searched for in the other texts too.
      if (name !== undefined) this.alias(text, known.placeholder);
      return known.placeholder;
    }
    // "Lovelace" after "Ada Lovelace": the same person, so the same placeholder.
    const aliased = this.aliases.get(text.toLowerCase());
    if (aliased && this.byPlaceholder.get(aliased)?.label === label) return aliased;
    let n = this.counters.get(label) ?? 0;
    let placeholder: string;
    do placeholder = `[${label}_${++n}]`;
    while (this.reserved.has(placeholder) || this.byPlaceholder.has(placeholder));
    this.counters.set(label, n);
    const entry = { placeholder, text: name ?? text, label };
    this.byKey.set(key, entry);
    this.byPlaceholder.set(placeholder, entry);
    this.alias(text, placeholder);
    if (name !== undefined) this.alias(name, placeholder);
    if (label === 'PERSON') for (const part of text.split(/\s+/)) if (/^\p{Lu}\p{L}{2,}$/u.test(part)) this.alias(part, placeholder);
    return placeholder;
  }

  /** Issues placeholders for the names of the chosen labels among a text's entities. */
  register(text: string, spans: readonly EntitySpan[]): void {
    for (const s of this.chosen(text, spans)) this.placeholderFor(text.slice(s.start, s.end), s.label, s.name);
  }

  /** `text` with every name of the chosen labels replaced; `spans` are the sidecar's entities of it. */
  mask(text: string, spans: readonly EntitySpan[]): string {
    const candidates: Candidate[] = this.chosen(text, spans).map((s) => ({
      start: s.start,
      end: s.end,
      placeholder: this.placeholderFor(text.slice(s.start, s.end), s.label, s.name),
    }));
    candidates.push(...this.occurrences(text));
    // Earliest first, the longest of those starting together; anything overlapping a kept one goes.
    candidates.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = '';
    let at = 0;
    for (const c of candidates) {
      if (c.start < at) continue;
      out += text.slice(at, c.start) + c.placeholder;
      at = c.end;
    }
    return out + text.slice(at);
  }

  /**
   * The real names back in place of the placeholders this run issued; anything else is left, and
   * so is every placeholder inside a URL, an HTML tag or a Markdown link target.
   */
  restore(text: string): string {
    const kept = protectedRanges(text);
    return text.replace(PLACEHOLDER_LIKE, (whole, _name: string, offset: number) =>
      kept.some(([from, to]) => offset >= from && offset < to) ? whole : (this.byPlaceholder.get(whole)?.text ?? whole),
    );
  }

  /**
   * The spans of the chosen labels, each cut at line breaks: the tagger sometimes runs a name
   * into the next line ("Ada Lovelace\nCharles Babbage" in a list), which is two names.
   */
  private chosen(text: string, spans: readonly EntitySpan[]): EntitySpan[] {
    const out: EntitySpan[] = [];
    for (const s of spans) {
      if (!this.labels.has(s.label)) continue;
      for (const m of text.slice(s.start, s.end).matchAll(/[^\r\n]+/g)) {
        const piece = m[0].trim();
        if (piece === '') continue;
        const start = s.start + m.index + m[0].indexOf(piece);
        out.push({ start, end: start + piece.length, text: piece, label: s.label, ...(s.name === undefined ? {} : { name: s.name }) });
      }
    }
    return out;
  }

  private alias(text: string, placeholder: string): void {
    const key = text.toLowerCase();
    // The first owner keeps an alias ("Ada" stays with the first Ada).
    if (key.trim() !== '' && !this.aliases.has(key)) this.aliases.set(key, placeholder);
  }

  /** Whole-word, case-insensitive occurrences of every known name or name part. */
  private occurrences(text: string): Candidate[] {
    const found: Candidate[] = [];
    for (const [alias, placeholder] of this.aliases) {
      // Searched in the text itself (not a lower-cased copy, whose offsets can differ).
      // Letters and digits continue a word; `_`, `-`, `.`, `/` and everything else end it.
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(alias)}(?![\\p{L}\\p{N}])`, 'giu');
      for (const m of text.matchAll(pattern)) found.push({ start: m.index, end: m.index + m[0].length, placeholder });
    }
    return found;
  }
}

/**
 * Where a restored name would leave the page: HTML tags, Markdown link targets (`](…)` and
 * reference definitions), autolinks, and anything shaped like a URL (`scheme:` up to a space).
 */
const PROTECTED =
  /<[^<>]*>|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)?|(?<=^\s{0,3}\[[^\]]+\]:\s*)\S+|\b[a-z][a-z0-9+.-]*:(?:\/\/)?[^\s<>"'`]*/gim;

function protectedRanges(text: string): [number, number][] {
  return [...text.matchAll(PROTECTED)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * A file's path as the tagger should read it: `_`, `-`, `.` and `/` become spaces (the same
 * length, so offsets still match), so `people/ada_lovelace-notes (Alan Turing).md` shows its names.
 */
export function pathForTagger(path: string): string {
  return path.replace(/[_\-./\\]/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Restores names in a streamed answer: a placeholder may arrive split over two pieces
 * ("[PERS" + "ON_1]"), so a tail that could still become one is held back until it completes.
 */
export class StreamRestorer {
  private pending = '';

  constructor(private readonly restore: (text: string) => string) {}

  push(delta: string): string {
    const text = this.pending + delta;
    const open = text.lastIndexOf('[');
    const held = open >= 0 && !text.includes(']', open) && text.length - open <= 48 && /^\[[A-Z0-9_]*$/.test(text.slice(open));
    this.pending = held ? text.slice(open) : '';
    return this.restore(held ? text.slice(0, open) : text);
  }

  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.restore(rest);
  }
}
