// One vocabulary of labels across pipelines. spaCy's pipelines trained on WikiNER (French,
// Spanish, Italian, Portuguese, Russian, the multi-language one…) answer PER, LOC, ORG and MISC;
// the OntoNotes ones (English, Chinese) answer eighteen labels. A writer should see a person
// drawn the same way whichever pipeline found it, so each WikiNER label is drawn with the token
// type (and so the colour) of its OntoNotes counterpart. The label itself is kept as the
// pipeline said it (hovers, rules and exports name it), only its drawing and wording are shared.
import type { OntoNotesLabel } from './entityLabels';

export const WIKINER_LABELS = ['PER', 'LOC', 'ORG', 'MISC'] as const;
export type WikiNerLabel = (typeof WIKINER_LABELS)[number];

/**
 * The OntoNotes label whose token type a label of another scheme is drawn with. LOC and ORG
 * are OntoNotes names already (LOC's type shares the places' colour with GPE); MISC has no
 * counterpart and gets its own type, `misc` (contributed in package.json).
 */
export const LABEL_EQUIVALENTS: Readonly<Record<string, OntoNotesLabel>> = { PER: 'PERSON' };

/** Token type of WikiNER's MISC (events, nationalities, works… in one bag). */
export const MISC_TOKEN_TYPE = 'misc';

/** Explanations in a writer's words, for labels spaCy's glossary explains for another scheme. */
export const WIKINER_EXPLANATIONS: Readonly<Record<WikiNerLabel, string>> = {
  PER: 'People, including fictional (WikiNER PER)',
  LOC: 'Places: countries, cities, regions, rivers, mountains (WikiNER LOC)',
  ORG: 'Companies, agencies, institutions, etc. (WikiNER ORG)',
  MISC: 'Other names: events, nationalities, works, products (WikiNER MISC)',
};

/** True when a pipeline's labels are WikiNER's: its LOC means every place, not OntoNotes' non-GPE places. */
export function isWikiNerScheme(labels: Iterable<string>): boolean {
  const set = new Set(labels);
  return set.size > 0 && [...set].every((label) => (WIKINER_LABELS as readonly string[]).includes(label));
}
