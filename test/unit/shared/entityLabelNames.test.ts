// Labels by name, code after ("Places (GPE)"): every OntoNotes label has a writer's name, and a
// label Samsara does not know (an entity rule's) is shown as it is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LABEL_NAMES, ONTONOTES_LABELS, labelName } from '../../../shared/entityLabels';

describe('entity label names', () => {
  it('name the labels a writer meets, code after', () => {
    assert.equal(labelName('GPE'), 'Places (GPE)');
    assert.equal(labelName('PERSON'), 'People (PERSON)');
    assert.equal(labelName('NORP'), 'Groups (NORP)');
    assert.equal(labelName('FAC'), 'Buildings (FAC)');
    assert.equal(labelName('WORK_OF_ART'), 'Works (WORK_OF_ART)');
  });

  it('have a name for every OntoNotes label, each name different', () => {
    for (const label of ONTONOTES_LABELS) assert.ok(LABEL_NAMES[label], `${label} has a name`);
    const names = ONTONOTES_LABELS.map((label) => LABEL_NAMES[label]);
    assert.equal(new Set(names).size, names.length);
  });

  it('leave other labels as they are, whatever their name', () => {
    assert.equal(labelName('SPACESHIP'), 'SPACESHIP');
    assert.equal(labelName('constructor'), 'constructor');
    assert.equal(labelName('toString'), 'toString');
  });
});
