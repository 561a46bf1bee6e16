// The semantic token legend: one token type per entity label, so a theme (or the user, through
// `editor.semanticTokenColorCustomizations`) colours each label on its own. The extension
// contributes exactly these type names in package.json (`semanticTokenTypes`); the names are a
// public interface (users write them in their settings): never rename one.
import { ONTONOTES_LABELS, type OntoNotesLabel } from './entityLabels';
import { equivalentOf, LABEL_EQUIVALENTS, MISC_TOKEN_TYPE } from './labelVocabulary';

/** Token type of each OntoNotes label: the label in camelCase. */
export const LABEL_TOKEN_TYPES: Readonly<Record<OntoNotesLabel, string>> = {
  PERSON: 'person',
  NORP: 'norp',
  FAC: 'fac',
  ORG: 'org',
  GPE: 'gpe',
  LOC: 'loc',
  PRODUCT: 'product',
  // `event` is one of VS Code's standard token types (event members in code): contributing it
  // again would redefine a type every programming language uses.
  EVENT: 'namedEvent',
  WORK_OF_ART: 'workOfArt',
  LAW: 'law',
  LANGUAGE: 'language',
  DATE: 'date',
  TIME: 'time',
  PERCENT: 'percent',
  MONEY: 'money',
  QUANTITY: 'quantity',
  ORDINAL: 'ordinal',
  CARDINAL: 'cardinal',
};

/** Token type of a label without one of its own (a custom pipeline's label the legend lacks). */
export const FALLBACK_TOKEN_TYPE = 'entity';

/** The legend every server has: the 18 OntoNotes types in ONTONOTES_LABELS order, then the fallback. */
export const STANDARD_TOKEN_TYPES: readonly string[] = [...ONTONOTES_LABELS.map((label) => LABEL_TOKEN_TYPES[label]), FALLBACK_TOKEN_TYPE];

/** Every type package.json contributes: the standard ones, then WikiNER MISC's (shared/labelVocabulary). */
export const CONTRIBUTED_TOKEN_TYPES: readonly string[] = [...STANDARD_TOKEN_TYPES, MISC_TOKEN_TYPE];

/** What VS Code accepts as a token type id (package.json `semanticTokenTypes[].id`). */
export const TOKEN_TYPE_ID = /^\w+[-_\w+]*$/;

// VS Code's standard token types: a custom label must not claim one of them (see `event` above).
const VSCODE_STANDARD_TYPES = new Set([
  'namespace',
  'class',
  'enum',
  'interface',
  'struct',
  'typeParameter',
  'type',
  'parameter',
  'variable',
  'property',
  'enumMember',
  'decorator',
  'event',
  'function',
  'method',
  'macro',
  'label',
  'comment',
  'string',
  'keyword',
  'number',
  'regexp',
  'operator',
]);

export interface EntityLegend {
  tokenTypes: string[];
  tokenModifiers: string[];
}

/**
 * The legend for a sidecar whose pipeline reports `labels`: the standard types first (so their
 * indices never move), then one type per other label, named as its camelCase (`DISEASE_NAME` →
 * `diseaseName`). A label whose name would be unusable or taken gets the fallback type.
 */
export function entityLegend(labels: Iterable<string> = []): EntityLegend {
  const tokenTypes = [...STANDARD_TOKEN_TYPES];
  for (const label of labels) {
    const name = customTokenType(label);
    if (name !== undefined && !tokenTypes.includes(name)) tokenTypes.push(name);
  }
  return { tokenTypes, tokenModifiers: [] };
}

/** The token type `label` is drawn with in a legend from entityLegend([label]). */
export function tokenTypeOf(label: string): string {
  const types: Readonly<Record<string, string>> = LABEL_TOKEN_TYPES;
  const equivalent = equivalentOf(label);
  if (equivalent !== undefined && types[equivalent]) return types[equivalent];
  return types[label] ?? customTokenType(label) ?? FALLBACK_TOKEN_TYPE;
}

function customTokenType(label: string): string | undefined {
  if (Object.hasOwn(LABEL_TOKEN_TYPES, label) || Object.hasOwn(LABEL_EQUIVALENTS, label)) return undefined;
  const words = label.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const name = words.map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase())).join('');
  if (!TOKEN_TYPE_ID.test(name) || VSCODE_STANDARD_TYPES.has(name) || STANDARD_TOKEN_TYPES.includes(name)) return undefined;
  return name;
}
