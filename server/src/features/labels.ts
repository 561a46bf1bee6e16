// Explanations of entity labels, for messages and hovers. The sidecar's handshake carries spaCy's
// own (`spacy.explain`) for the labels its pipeline emits; this table of the 18 OntoNotes labels
// (spaCy's glossary) is the fallback when a sidecar does not send them.
const ONTONOTES: Readonly<Record<string, string>> = {
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

export class LabelExplainer {
  private fromSidecar: Record<string, string> = {};

  setFromSidecar(labels: Record<string, string> | undefined): void {
    this.fromSidecar = labels ?? {};
  }

  explain(label: string): string {
    return this.fromSidecar[label] || ONTONOTES[label] || 'Named entity';
  }
}
