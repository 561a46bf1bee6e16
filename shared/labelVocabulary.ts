// One vocabulary of labels across pipelines. spaCy's pipelines trained on WikiNER (French,
// Spanish, Italian, Portuguese, Russian, the multi-language one…) answer PER, LOC, ORG and MISC;
// the OntoNotes ones (English, Chinese, Japanese…) answer eighteen labels; Korean, Polish,
// Swedish, Norwegian, Ukrainian and Romanian each have a scheme of their own (PS, persName, PRS…).
// A writer should see a person drawn the same way whichever pipeline found it, so each label of
// another scheme is drawn with the token type (and so the colour) of its OntoNotes counterpart,
// and named with its name. The label itself is kept as the pipeline said it (hovers, rules and
// exports name it), only its drawing and wording are shared.

export const WIKINER_LABELS = ['PER', 'LOC', 'ORG', 'MISC'] as const;
export type WikiNerLabel = (typeof WIKINER_LABELS)[number];

/**
 * The OntoNotes label whose token type a label of another scheme is drawn with, for every label
 * of the catalogue's pipelines with an obvious counterpart. LOC and ORG are OntoNotes names already
 * (LOC's type shares the places' colour with GPE); WikiNER's MISC has no counterpart and gets its
 * own type, `misc` (contributed in package.json). Left with types of their own, as no counterpart
 * fits: Japanese MOVEMENT, PHONE and TITLE_AFFIX (さん, 氏), Norwegian DRV and Slovenian DERIV_PER
 * (words derived from names).
 */
// Values are OntoNotes labels (shared/entityLabels imports this file for names, so it cannot import
// that type back; test/unit/shared/entityTokens.test.ts checks each value).
export const LABEL_EQUIVALENTS: Readonly<Record<string, string>> = {
  // WikiNER; Ukrainian's is spelt PERS
  PER: 'PERSON',
  PERS: 'PERSON',
  // Korean (KLUE)
  PS: 'PERSON',
  LC: 'LOC',
  OG: 'ORG',
  DT: 'DATE',
  TI: 'TIME',
  QT: 'QUANTITY',
  // Polish (NKJP): placeName is settlements, countries and regions; geogName is nature's places
  persName: 'PERSON',
  placeName: 'GPE',
  geogName: 'LOC',
  orgName: 'ORG',
  date: 'DATE',
  time: 'TIME',
  // Swedish (SUC)
  PRS: 'PERSON',
  EVN: 'EVENT',
  WRK: 'WORK_OF_ART',
  OBJ: 'PRODUCT',
  MSR: 'QUANTITY',
  TME: 'TIME',
  // Norwegian (NorNE): a country or city named as a place or as a body (GPE_ORG, "Norge vant") is
  // the same name, drawn as a place either way
  GPE_LOC: 'GPE',
  GPE_ORG: 'GPE',
  EVT: 'EVENT',
  PROD: 'PRODUCT',
  // Romanian (RONEC)
  ORGANIZATION: 'ORG',
  FACILITY: 'FAC',
  DATETIME: 'DATE',
  PERIOD: 'DATE',
  NAT_REL_POL: 'NORP',
  NUMERIC_VALUE: 'CARDINAL',
  // Japanese: a pet's name is a character's
  PET_NAME: 'PERSON',
};

/** The OntoNotes label `label` is drawn and named as, if it is of another scheme. */
export function equivalentOf(label: string): string | undefined {
  return Object.hasOwn(LABEL_EQUIVALENTS, label) ? LABEL_EQUIVALENTS[label] : undefined;
}

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
