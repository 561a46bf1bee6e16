// The token legend is a public interface: package.json contributes these names and users write
// them in editor.semanticTokenColorCustomizations. These tests pin its shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_HIDDEN_LABELS, LABEL_EXPLANATIONS, ONTONOTES_LABELS } from '../../../shared/entityLabels';
import {
  entityLegend,
  FALLBACK_TOKEN_TYPE,
  LABEL_TOKEN_TYPES,
  STANDARD_TOKEN_TYPES,
  TOKEN_TYPE_ID,
  tokenTypeOf,
} from '../../../shared/entityTokens';
import { isWikiNerScheme, LABEL_EQUIVALENTS, MISC_TOKEN_TYPE, WIKINER_LABELS } from '../../../shared/labelVocabulary';
import { labelName } from '../../../shared/entityLabels';

describe('entity token legend', () => {
  it('has one valid, distinct type per OntoNotes label plus the fallback, in label order', () => {
    assert.equal(STANDARD_TOKEN_TYPES.length, ONTONOTES_LABELS.length + 1);
    assert.equal(new Set(STANDARD_TOKEN_TYPES).size, STANDARD_TOKEN_TYPES.length);
    for (const name of STANDARD_TOKEN_TYPES) assert.match(name, TOKEN_TYPE_ID);
    ONTONOTES_LABELS.forEach((label, i) => assert.equal(STANDARD_TOKEN_TYPES[i], LABEL_TOKEN_TYPES[label]));
    assert.equal(STANDARD_TOKEN_TYPES.at(-1), FALLBACK_TOKEN_TYPE);
  });

  it('names labels in camelCase and keeps clear of VS Code standard types', () => {
    assert.equal(tokenTypeOf('PERSON'), 'person');
    assert.equal(tokenTypeOf('WORK_OF_ART'), 'workOfArt');
    assert.equal(tokenTypeOf('EVENT'), 'namedEvent');
    assert.ok(!STANDARD_TOKEN_TYPES.includes('event'));
  });

  it('appends custom labels after the standard types, and falls back for unusable names', () => {
    const legend = entityLegend(['PERSON', 'DISEASE_NAME', 'CLASS', '***', 'Disease-Name']);
    assert.deepEqual(legend.tokenTypes.slice(0, STANDARD_TOKEN_TYPES.length), STANDARD_TOKEN_TYPES);
    assert.deepEqual(legend.tokenTypes.slice(STANDARD_TOKEN_TYPES.length), ['diseaseName']);
    assert.deepEqual(legend.tokenModifiers, []);
    assert.equal(tokenTypeOf('DISEASE_NAME'), 'diseaseName');
    assert.equal(tokenTypeOf('CLASS'), FALLBACK_TOKEN_TYPE, 'a VS Code standard type is not claimed');
    assert.equal(tokenTypeOf('***'), FALLBACK_TOKEN_TYPE);
  });

  it('explains every OntoNotes label and hides the numeric ones by default', () => {
    for (const label of ONTONOTES_LABELS) assert.ok(LABEL_EXPLANATIONS[label].length > 0, label);
    assert.deepEqual([...DEFAULT_HIDDEN_LABELS].sort(), ['CARDINAL', 'ORDINAL', 'PERCENT', 'QUANTITY']);
  });
});

describe('one vocabulary across pipelines', () => {
  it('draws WikiNER labels with their OntoNotes counterparts and gives MISC its own type', () => {
    assert.equal(tokenTypeOf('PER'), tokenTypeOf('PERSON'));
    assert.equal(tokenTypeOf('LOC'), 'loc');
    assert.equal(tokenTypeOf('ORG'), 'org');
    assert.equal(tokenTypeOf('MISC'), MISC_TOKEN_TYPE);
    const legend = entityLegend(WIKINER_LABELS);
    assert.deepEqual(legend.tokenTypes.slice(STANDARD_TOKEN_TYPES.length), [MISC_TOKEN_TYPE], 'PER needs no type of its own');
  });

  it("draws and names other schemes' people, places and bodies as OntoNotes' (Korean, Polish, Swedish, Norwegian, Ukrainian, Romanian, Japanese)", () => {
    for (const [label, equivalent] of Object.entries(LABEL_EQUIVALENTS))
      assert.ok((ONTONOTES_LABELS as readonly string[]).includes(equivalent), `${label} -> ${equivalent} is an OntoNotes label`);
    const person = tokenTypeOf('PERSON');
    for (const label of ['PS', 'persName', 'PRS', 'PERS', 'PET_NAME']) assert.equal(tokenTypeOf(label), person, label);
    assert.equal(tokenTypeOf('placeName'), tokenTypeOf('GPE'));
    assert.equal(tokenTypeOf('GPE_ORG'), tokenTypeOf('GPE'));
    assert.equal(tokenTypeOf('OG'), tokenTypeOf('ORG'));
    assert.equal(tokenTypeOf('ORGANIZATION'), tokenTypeOf('ORG'));
    assert.equal(tokenTypeOf('NAT_REL_POL'), tokenTypeOf('NORP'));
    assert.equal(labelName('PS'), 'People (PS)');
    assert.equal(labelName('placeName'), 'Places (placeName)');
    assert.equal(labelName('TITLE_AFFIX'), 'TITLE_AFFIX', 'no counterpart: shown as it is');
  });

  it('recognises a WikiNER pipeline by its labels', () => {
    assert.ok(isWikiNerScheme(['PER', 'LOC', 'ORG', 'MISC']));
    assert.ok(!isWikiNerScheme(['PERSON', 'LOC', 'ORG']));
    assert.ok(!isWikiNerScheme([]));
  });
});
