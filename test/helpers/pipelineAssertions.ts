// What the pipeline store's tests share: an assertion that an install failed with a given kind of
// PipelineError and a sentence a writer can act on, and a URL where nothing listens (offline).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { PipelineError } from '../../server/src/pipelines/pipelineErrors';

/** For assert.rejects: a PipelineError of `kind` whose message matches `pattern`. */
export function rejectsWith(kind: PipelineError['kind'], pattern: RegExp) {
  return (error: unknown): true => {
    assert.ok(error instanceof PipelineError, String(error));
    assert.equal(error.kind, kind, error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

/** An http:// base URL on a local port that was free a moment ago and has nothing listening now. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
