// The entity labels Samsara knows without asking a sidecar: the 18 OntoNotes labels of spaCy's
// English pipelines, with spaCy's own explanations (its glossary, `spacy.explain`). The server
// explains labels with them when a sidecar's handshake does not; package.json documents the label
// settings with them (a unit test keeps the two in step).
import { equivalentOf } from './labelVocabulary';

export const ONTONOTES_LABELS = [
  'PERSON',
  'NORP',
  'FAC',
  'ORG',
  'GPE',
  'LOC',
  'PRODUCT',
  'EVENT',
  'WORK_OF_ART',
  'LAW',
  'LANGUAGE',
  'DATE',
  'TIME',
  'PERCENT',
  'MONEY',
  'QUANTITY',
  'ORDINAL',
  'CARDINAL',
] as const;

export type OntoNotesLabel = (typeof ONTONOTES_LABELS)[number];

export const LABEL_EXPLANATIONS: Readonly<Record<OntoNotesLabel, string>> = {
  PERSON: 'People, including fictional',
  NORP: 'Nationalities or religious or political groups',
  FAC: 'Buildings, airports, highways, bridges, etc.',
  ORG: 'Companies, agencies, institutions, etc.',
  GPE: 'Countries, cities, states',
  LOC: 'Non-GPE locations, mountain ranges, bodies of water',
  PRODUCT: 'Objects, vehicles, foods, etc. (not services)',
  EVENT: 'Named hurricanes, battles, wars, sports events, etc.',
  WORK_OF_ART: 'Titles of books, songs, etc.',
  LAW: 'Named documents made into laws.',
  LANGUAGE: 'Any named language',
  DATE: 'Absolute or relative dates or periods',
  TIME: 'Times smaller than a day',
  PERCENT: 'Percentage, including "%"',
  MONEY: 'Monetary values, including unit',
  QUANTITY: 'Measurements, as of weight or distance',
  ORDINAL: '"first", "second", etc.',
  CARDINAL: 'Numerals that do not fall under another type',
};

/**
 * Labels hidden by default (setting `samsara.hiddenLabels`): on real prose they mark every "(1)",
 * "first" and "575MB", which drowns the names a reader is after.
 */
export const DEFAULT_HIDDEN_LABELS: readonly OntoNotesLabel[] = ['CARDINAL', 'ORDINAL', 'QUANTITY', 'PERCENT'];

export function isOntoNotesLabel(label: string): label is OntoNotesLabel {
  return (ONTONOTES_LABELS as readonly string[]).includes(label);
}

/**
 * Labels of names: what spell checkers should learn (people, places, organisations, works…),
 * as opposed to dates, sums and numbers.
 */
export const NAME_LABELS: readonly OntoNotesLabel[] = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'PRODUCT', 'EVENT', 'WORK_OF_ART'];

/**
 * What a writer calls each label: views, hovers and the Outline show "Places (GPE)", the name
 * first and spaCy's code after it (the code is what settings and rules files take). Labels of
 * other pipelines (French PER, MISC) and of the entity rules have a name where one is obvious;
 * any other label is shown as it is.
 */
export const LABEL_NAMES: Readonly<Record<string, string>> = {
  PERSON: 'People',
  PER: 'People',
  NORP: 'Groups',
  FAC: 'Buildings',
  ORG: 'Organisations',
  GPE: 'Places',
  LOC: 'Locations',
  PRODUCT: 'Products',
  EVENT: 'Events',
  WORK_OF_ART: 'Works',
  LAW: 'Laws',
  LANGUAGE: 'Languages',
  DATE: 'Dates',
  TIME: 'Times',
  PERCENT: 'Percentages',
  MONEY: 'Money',
  QUANTITY: 'Quantities',
  ORDINAL: 'Ordinals',
  CARDINAL: 'Numbers',
  MISC: 'Other names',
};

/** "Places (GPE)" for a known label, "People (PS)" for another scheme's (shared/labelVocabulary); any other label as it is. */
export function labelName(label: string): string {
  const known = Object.hasOwn(LABEL_NAMES, label) ? label : equivalentOf(label);
  const name = known === undefined ? undefined : LABEL_NAMES[known];
  return name ? `${name} (${label})` : label;
}
