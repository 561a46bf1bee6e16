import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineReader } from '../../../../server/src/sidecar/lineReader';

function reader(cap: number) {
  const lines: string[] = [];
  const overflows: number[] = [];
  const r = new LineReader(cap, { line: (l) => lines.push(l), overflow: (n) => overflows.push(n) });
  return { r, lines, overflows };
}

describe('LineReader', () => {
  it('joins lines split across chunks, including a multi-byte character cut in half', () => {
    const { r, lines } = reader(100);
    const bytes = Buffer.from('{"a":"😀"}\r\nsecond\nthi', 'utf8');
    for (let i = 0; i < bytes.length; i += 3) r.push(bytes.subarray(i, i + 3));
    r.push(Buffer.from('rd\n'));
    assert.deepEqual(lines, ['{"a":"😀"}', 'second', 'third']);
  });

  it('reports a line over the cap, discards it to its newline and goes on', () => {
    const { r, lines, overflows } = reader(10);
    r.push(Buffer.from('short\n0123456789'));
    r.push(Buffer.from('ABCDEF'));
    r.push(Buffer.from('still the long line'));
    r.push(Buffer.from('\nafter\n'));
    assert.deepEqual(lines, ['short', 'after']);
    assert.equal(overflows.length, 1);
    assert.ok(overflows[0] > 10);
  });

  it('emits a last line without newline at the end of the stream', () => {
    const { r, lines } = reader(10);
    r.push(Buffer.from('a\nb'));
    r.end();
    assert.deepEqual(lines, ['a', 'b']);
  });
});
