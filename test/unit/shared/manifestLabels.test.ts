// package.json documents the labels and contributes the token types; shared/ holds them once.
// These tests keep the two in step. The token type contributions and the label enum are the
// client's part of package.json: until they exist, their checks are reported as skipped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_HIDDEN_LABELS, LABEL_EXPLANATIONS, ONTONOTES_LABELS } from '../../../shared/entityLabels';
import { STANDARD_TOKEN_TYPES } from '../../../shared/entityTokens';
import { manifestProperties } from '../../helpers/manifest';
import { repoRoot } from '../../helpers/paths';

interface Manifest {
  contributes: {
    semanticTokenTypes?: { id: string; description?: string }[];
  };
}
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const properties = manifestProperties();

describe('package.json and the shared label tables', () => {
  it('hides the shared default labels', () => {
    assert.deepEqual(properties['samsara.hiddenLabels']?.default, [...DEFAULT_HIDDEN_LABELS]);
  });

  it('contributes every token type of the standard legend, with a description', (t) => {
    const contributed = manifest.contributes.semanticTokenTypes;
    if (!contributed) return t.skip('package.json contributes no semanticTokenTypes yet');
    for (const type of STANDARD_TOKEN_TYPES) {
      const entry = contributed.find((c) => c.id === type);
      assert.ok(entry, `semanticTokenTypes lacks ${type}`);
      assert.ok(entry.description, `${type} has no description`);
    }
  });

  it('offers the OntoNotes labels with their explanations in samsara.hiddenLabels', (t) => {
    const items = properties['samsara.hiddenLabels']?.items;
    if (!items?.enum) return t.skip('samsara.hiddenLabels has no enum of labels yet');
    assert.deepEqual(items.enum, [...ONTONOTES_LABELS]);
    assert.deepEqual(
      items.enumDescriptions,
      ONTONOTES_LABELS.map((label) => LABEL_EXPLANATIONS[label]),
    );
  });
});
