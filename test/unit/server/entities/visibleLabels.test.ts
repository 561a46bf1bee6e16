// Which labels a run keeps: samsara.hiddenLabels, matched whatever the case, and across schemes:
// hiding QUANTITY hides the Korean and Swedish quantities too, so a writer's "no numbers" holds in
// every language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { visibleLabels } from '../../../../server/src/entities/visibleLabels';

describe('visible labels', () => {
  it('hides a label whatever its case, and shows the others', () => {
    const shown = visibleLabels(['date', 'CARDINAL']);
    assert.equal(shown('DATE'), false);
    assert.equal(shown('CARDINAL'), false);
    assert.equal(shown('PERSON'), true);
  });

  it("hides other schemes' counterparts of a hidden label, not the label's neighbours", () => {
    const shown = visibleLabels(['QUANTITY', 'CARDINAL', 'PERSON']);
    assert.equal(shown('QT'), false, 'Korean quantity');
    assert.equal(shown('MSR'), false, 'Swedish measure');
    assert.equal(shown('NUMERIC_VALUE'), false, 'Romanian number');
    assert.equal(shown('PS'), false, 'Korean person');
    assert.equal(shown('PER'), false, 'WikiNER person');
    assert.equal(shown('LC'), true, 'Korean place');
    assert.equal(shown('MISC'), true);
  });
});
