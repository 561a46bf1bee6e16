// The client talks to the server through shared/ only: its bundle must not pull in any module of
// server/src (the HTTP wire formats, the sidecar code). Checked on the real esbuild bundle graph.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths';

test('the client bundle contains no module of server/src', async () => {
  const result = await build({
    entryPoints: [join(repoRoot, 'client', 'src', 'extension.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: repoRoot,
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(
    inputs.some((input) => input.startsWith('shared/')),
    'the client imports the shared contract',
  );
  assert.deepEqual(
    inputs.filter((input) => input.startsWith('server/')),
    [],
  );
  const code = result.outputFiles[0].text;
  for (const wireMark of ['chat/completions', ':generateContent', 'anthropic-version']) {
    assert.ok(!code.includes(wireMark), `the client bundle holds wire-format code (${wireMark})`);
  }
});
