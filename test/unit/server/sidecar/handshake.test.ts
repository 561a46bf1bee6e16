import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SidecarError } from '../../../../server/src/sidecar/errors';
import { readHandshakeLine } from '../../../../server/src/sidecar/handshake';

const read = (line: string) => readHandshakeLine(line, '/opt/sidecar', ['Traceback: boom']);

describe('readHandshakeLine', () => {
  it('waits through loading_model and accepts model_loaded with its labels', () => {
    assert.equal(read('{"status":"loading_model"}'), 'continue');
    const loaded = read('{"status":"model_loaded","protocol":1,"model":"m","model_version":"1","pid":7,"labels":{"GPE":"Countries"}}');
    assert.ok(!(loaded instanceof SidecarError) && loaded !== 'continue');
    assert.deepEqual(loaded.labels, { GPE: 'Countries' });
  });

  it('quotes a non-JSON line and the stderr tail', () => {
    const error = read('Downloading something... 50%');
    assert.ok(error instanceof SidecarError);
    assert.equal(error.code, 'SIDECAR_BAD_HANDSHAKE');
    assert.match(error.message, /"Downloading something\.\.\. 50%"/);
    assert.match(error.message, /\/opt\/sidecar/);
    assert.match(error.message, /Traceback: boom/);
  });

  it('refuses another protocol version before looking at the other fields', () => {
    const error = read('{"status":"model_loaded","protocol":2}');
    assert.ok(error instanceof SidecarError);
    assert.equal(error.code, 'SIDECAR_PROTOCOL_MISMATCH');
    assert.equal(error.retryable, false);
  });

  it('reports a model load error and JSON that is no status line', () => {
    const failed = read('{"status":"error","error":{"code":"MODEL_LOAD_FAILED","message":"no such pipeline"}}');
    assert.ok(failed instanceof SidecarError);
    assert.equal(failed.code, 'SIDECAR_MODEL_LOAD_FAILED');
    assert.match(failed.message, /no such pipeline.*samsara\.sidecar\.pipeline/);
    const other = read('{"hello":1}');
    assert.ok(other instanceof SidecarError);
    assert.equal(other.code, 'SIDECAR_BAD_HANDSHAKE');
  });
});
