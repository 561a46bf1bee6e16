import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toLf } from '../../../../server/src/text/lineEnds';

describe('toLf', () => {
  it('leaves text without CR as it is', () => {
    const lf = toLf('a\nb');
    assert.equal(lf.text, 'a\nb');
    assert.equal(lf.toSource(2), 2);
  });

  it('maps offsets of the copy back over dropped CRs of CRLF, and keeps lone CRs in place', () => {
    const source = 'ab\r\ncd\ref\r\n';
    const lf = toLf(source);
    assert.equal(lf.text, 'ab\ncd\nef\n');
    for (const [offset, char] of [...lf.text].entries()) {
      if (char !== '\n') assert.equal(source[lf.toSource(offset)], char);
    }
    // A range ending at a line end ends before its CR; one starting there takes the CRLF.
    assert.equal(source.slice(lf.toSource(0), lf.toSource(2)), 'ab');
    assert.equal(source.slice(lf.toSource(2), lf.toSource(4)), '\r\nc');
  });
});
