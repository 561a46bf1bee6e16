import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayUrl, redactDeep, redactText, redactUrlCredentials } from '../../../shared/redact';

const KEY = 'sk-proj-7Hq2LmN9xYz4Wv8RtBc3';

/** Every 8-character slice of `secret`: none may survive redaction. */
function slices(secret: string): string[] {
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

describe('redactText', () => {
  it('removes the whole key, a cut or masked key, and any 8-character slice of it', () => {
    const texts = [
      `Incorrect API key provided: ${KEY}.`,
      `key ${KEY.slice(0, 20)}… was rejected`,
      `masked: ****${KEY.slice(-9)}`,
      `JSON: {"apiKey":"${KEY}"}`,
      ...slices(KEY).map((s) => `around ${s} here`),
    ];
    for (const text of texts) {
      const out = redactText(text, [KEY]);
      for (const slice of slices(KEY)) assert.ok(!out.includes(slice), `${slice} survived in ${out}`);
      assert.ok(out.includes('[redacted]'), out);
    }
  });
  it('redacts before cutting: a key at the cut leaves no prefix (issue: cut first, then redact)', () => {
    const text = `${'x'.repeat(470)} echo ${KEY} end`;
    const out = redactText(text, [KEY]).slice(0, 500);
    assert.ok(!out.includes(KEY.slice(0, 8)), out.slice(-40));
  });
  it('matches the JSON-escaped form of a key with quotes or backslashes (traces are JSON)', () => {
    const odd = 'k"ey\\with-odd-chars-123';
    const traced = JSON.stringify({ arguments: [{ apiKey: odd }] });
    const out = redactText(traced, [odd]);
    assert.ok(!out.includes('with-odd-chars'), out);
  });
  it('leaves ordinary text, short fragments and tiny placeholder keys alone', () => {
    assert.equal(redactText('sk-proj is a prefix; rate limited', [KEY]), 'sk-proj is a prefix; rate limited');
    assert.equal(redactText('keep k here', ['k']), 'keep k here');
    assert.equal(redactText('nothing', []), 'nothing');
  });
  it('removes user and password of every URL', () => {
    assert.equal(redactUrlCredentials('GET http://me:s3cret@proxy:8080/v1 failed'), 'GET http://[redacted]@proxy:8080/v1 failed');
    assert.equal(redactText('at https://user@host/x', []), 'at https://[redacted]@host/x');
    assert.equal(displayUrl('http://me:s3cret@proxy:8080/v1'), 'http://proxy:8080/v1');
    assert.equal(displayUrl('http://proxy:8080/v1'), 'http://proxy:8080/v1');
  });
  it('redacts every string of a JSON value', () => {
    const value = { a: [`x ${KEY}`, 1, null], b: { c: KEY } };
    assert.deepEqual(redactDeep(value, [KEY]), { a: ['x [redacted]', 1, null], b: { c: '[redacted]' } });
  });
});
