// Mentions of the same person: prose names someone in full once ("Claude Shannon") and by one
// name after that ("Shannon", "Claude", "Dr. Shannon"). spaCy tags each as its own PERSON, so an
// exact-text index counts "Claude Shannon — 1 time, Shannon — 3 times". Here a PERSON's single
// name is folded into the full name it belongs to when exactly one full name of the document
// starts or ends with it; a name two people share ("Shannon" beside "Claude" and "Betty Shannon")
// stays on its own, since guessing would merge two people.
//
// Pure: works on normalised texts (normalise.ts), so the entity model's index applies it once and
// every view (hover, highlights, references, Outline, Entities view) counts the same mentions.

export const PERSON_LABEL = 'PERSON';

/** Titles that may precede a name and say nothing about who it is. */
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'madame',
  'mme',
  'monsieur',
  'herr',
  'frau',
  'senator',
  'president',
  'captain',
  'capt',
  'general',
  'gen',
]);

/** The words of a normalised name, a leading title left out ("dr. claude shannon" → claude, shannon). */
export function nameParts(normalisedName: string): string[] {
  const words = normalisedName.split(' ').filter((word) => word !== '');
  while (words.length > 1 && HONORIFICS.has(words[0].replace(/\.$/, ''))) words.shift();
  return words;
}

/**
 * For the normalised PERSON names of one document, which single names stand for a full name:
 * alias → full name (both as given). Only unambiguous ones: a single name matching the first or
 * last word of exactly one full name. A titled full name ("dr. shannon") counts as its bare form.
 */
export function personAliases(names: Iterable<string>): Map<string, string> {
  const distinct = [...new Set(names)];
  // Full names by their first and by their last word (a name of one word is no full name).
  const byWord = new Map<string, Set<string>>();
  const bare = new Map<string, string[]>();
  for (const name of distinct) {
    const parts = nameParts(name);
    bare.set(name, parts);
    if (parts.length < 2) continue;
    for (const word of [parts[0], parts[parts.length - 1]]) {
      const owners = byWord.get(word) ?? new Set<string>();
      owners.add(canonicalFullName(parts));
      byWord.set(word, owners);
    }
  }
  // The first spelling of each full name (by its bare words) is the one aliases point to.
  const spelling = new Map<string, string>();
  for (const name of distinct) {
    const parts = bare.get(name) ?? [];
    if (parts.length >= 2 && !spelling.has(canonicalFullName(parts))) spelling.set(canonicalFullName(parts), name);
  }
  const aliases = new Map<string, string>();
  for (const name of distinct) {
    const parts = bare.get(name) ?? [];
    let target: string | undefined;
    if (parts.length === 1) {
      const owners = byWord.get(parts[0]);
      if (owners?.size === 1) target = spelling.get([...owners][0]);
    } else if (parts.length >= 2) {
      // "Dr. Claude Shannon" and "Claude Shannon" are one person whatever the title.
      target = spelling.get(canonicalFullName(parts));
    }
    if (target !== undefined && target !== name) aliases.set(name, target);
  }
  return aliases;
}

function canonicalFullName(parts: readonly string[]): string {
  return parts.join(' ');
}
