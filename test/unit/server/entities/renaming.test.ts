import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChanges, inCaseOf, namePart, renameIn } from '../../../../server/src/entities/renaming';

const renamed = (text: string, from: string, to: string, inside = false): string | undefined => {
  const changes = renameIn(text, from, to, inside);
  return changes && applyChanges(text, changes);
};

describe('renaming a name in a text', () => {
  it('keeps possessives and the case pattern', () => {
    assert.equal(renamed('Emma', 'Emma', 'Harriet'), 'Harriet');
    assert.equal(renamed("Emma's", 'Emma', 'Harriet'), "Harriet's");
    assert.equal(renamed('Emma’s', 'Emma', 'Harriet'), 'Harriet’s');
    assert.equal(renamed('EMMA', 'Emma', 'Harriet'), 'HARRIET');
    assert.equal(renamed('emma', 'Emma', 'Harriet'), 'harriet');
    assert.equal(renamed("Jones'", 'Jones', 'Smith'), "Smith'");
    assert.equal(renamed('the Hague', 'Hague', 'Delft'), 'the Delft');
  });

  it('renames inside another name only when asked, and whole words only', () => {
    assert.equal(renamed('Emma Woodhouse', 'Emma', 'Harriet'), undefined);
    assert.equal(renamed('Emma Woodhouse', 'Emma', 'Harriet', true), 'Harriet Woodhouse');
    assert.equal(renamed('EMMA WOODHOUSE', 'Emma', 'Harriet', true), 'HARRIET WOODHOUSE');
    assert.equal(renamed('Emmanuel Woodhouse', 'Emma', 'Harriet', true), undefined);
    assert.equal(renamed('Miss Woodhouse', 'Emma', 'Harriet', true), undefined);
  });

  it('finds the name part of a mention', () => {
    assert.deepEqual(namePart("Emma's"), { start: 0, end: 4 });
    assert.deepEqual(namePart('The Hague'), { start: 4, end: 9 });
    assert.deepEqual(namePart('The'), { start: 0, end: 3 });
    assert.equal(inCaseOf('X', 'Harriet'), 'Harriet', 'one capital letter says nothing of all-caps');
  });
});
