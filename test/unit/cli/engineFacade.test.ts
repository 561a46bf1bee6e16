// The command line reaches the engine through one module, server/src/engine.ts: a new import of
// any other server/src file from cli/src fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('cli/src imports the engine through server/src/engine.ts only', () => {
  it('no other server/src module is imported', () => {
    const offending = files(join(repoRoot, 'cli', 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']*server\/src\/[^']*)'/g)]
        .map((m) => m[1])
        .filter((spec) => !/server\/src\/engine$/.test(spec))
        .map((spec) => `${relative(repoRoot, file)}: ${spec}`),
    );
    assert.deepEqual(offending, []);
  });
});
