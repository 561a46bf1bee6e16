// The one CSV field writer of the client views and the workspace export (shared/csv.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField } from '../../../shared/csv';

describe('csvField', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    assert.equal(csvField('Acme, Inc.'), '"Acme, Inc."');
    assert.equal(csvField('the "Times"'), '"the ""Times"""');
    assert.equal(csvField('New\nYork'), '"New\nYork"');
    assert.equal(csvField('a\r\nb'), '"a\r\nb"');
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('Zoë 🚀'), 'Zoë 🚀');
  });

  it('keeps a spreadsheet from running document text as a formula', () => {
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-5%'), "'-5%");
    assert.equal(csvField('@SUM'), "'@SUM");
    assert.equal(csvField('\tcmd'), "'\tcmd");
  });

  it('writes numbers as they are, a negative one included', () => {
    assert.equal(csvField(12), '12');
    assert.equal(csvField(-3), '-3');
  });
});
