// package.json contributes the semantic token types the server's legend uses (shared/entityTokens),
// each with the label and spaCy's explanation, and maps every one to TextMate scopes. A type the
// manifest lacks would be drawn in no colour at all; these tests keep the two lists equal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LABEL_EXPLANATIONS, ONTONOTES_LABELS } from '../../../shared/entityLabels';
import { CONTRIBUTED_TOKEN_TYPES, FALLBACK_TOKEN_TYPE, LABEL_TOKEN_TYPES, TOKEN_TYPE_ID } from '../../../shared/entityTokens';
import { manifestProperties } from '../../helpers/manifest';
import { repoRoot } from '../../helpers/paths';

interface Manifest {
  contributes: {
    semanticTokenTypes: { id: string; description: string; superType?: string }[];
    semanticTokenScopes: { language?: string; scopes: Record<string, string[]> }[];
    configurationDefaults: Record<string, Record<string, unknown>>;
  };
}
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const { semanticTokenTypes, semanticTokenScopes, configurationDefaults } = manifest.contributes;
const properties = manifestProperties();

describe('package.json semantic tokens match the shared legend', () => {
  it('contributes exactly the legend types, in legend order, with valid ids', () => {
    assert.deepEqual(
      semanticTokenTypes.map((type) => type.id),
      [...CONTRIBUTED_TOKEN_TYPES],
    );
    for (const { id } of semanticTokenTypes) assert.match(id, TOKEN_TYPE_ID);
  });

  it("describes each label's type with the label and spaCy's explanation", () => {
    const byId = new Map(semanticTokenTypes.map((type) => [type.id, type.description]));
    for (const label of ONTONOTES_LABELS) {
      assert.equal(byId.get(LABEL_TOKEN_TYPES[label]), `${label}: ${LABEL_EXPLANATIONS[label]}`);
    }
    assert.ok(byId.get(FALLBACK_TOKEN_TYPE), 'the fallback type has a description');
  });

  it('maps every type, and only those, to TextMate scopes for every language', () => {
    assert.equal(semanticTokenScopes.length, 1);
    const [entry] = semanticTokenScopes;
    assert.equal(entry?.language, undefined, 'the scopes apply whatever the document language');
    assert.deepEqual(Object.keys(entry?.scopes ?? {}).sort(), [...CONTRIBUTED_TOKEN_TYPES].sort());
    for (const [type, scopes] of Object.entries(entry?.scopes ?? {})) assert.ok(scopes.length > 0, `${type} has a scope`);
  });

  it('draws PERSON, ORG, GPE, DATE and MONEY through five different scopes', () => {
    const scopes = semanticTokenScopes[0]?.scopes ?? {};
    const first = (['PERSON', 'ORG', 'GPE', 'DATE', 'MONEY'] as const).map((label) => scopes[LABEL_TOKEN_TYPES[label]]?.[0]);
    assert.equal(new Set(first).size, 5, `scopes: ${first.join(', ')}`);
  });

  it('turns semantic highlighting on in plaintext and Markdown, whatever the theme says', () => {
    for (const language of ['[plaintext]', '[markdown]']) {
      assert.equal(configurationDefaults[language]?.['editor.semanticHighlighting.enabled'], true, language);
    }
  });
});

describe('package.json label settings offer the shared labels', () => {
  // samsara.hiddenLabels is checked with the shared tables (test/unit/shared/manifestLabels.test.ts).
  it('samsara.diagnostics.labels: every OntoNotes label with its explanation', () => {
    const items = properties['samsara.diagnostics.labels']?.items;
    assert.deepEqual(items?.enum, [...ONTONOTES_LABELS]);
    assert.deepEqual(
      items?.enumDescriptions,
      ONTONOTES_LABELS.map((label) => LABEL_EXPLANATIONS[label]),
    );
  });
});
