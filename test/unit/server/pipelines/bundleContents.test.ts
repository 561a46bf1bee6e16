// Whether the language model program can run Japanese is read from its bundle: SudachiPy's
// dist-info beside the program (PyInstaller's --onedir layout). A bundle without it (Windows on
// ARM, Alpine) is known to lack it; a program with no bundle layout is not judged (its load tells).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bundleCarries, bundleContents } from '../../../../server/src/pipelines/bundleContents';
import { fakeBundle } from '../../../helpers/fakeBundle';

const root = mkdtempSync(join(tmpdir(), 'samsara-bundle-contents-'));
after(() => rmSync(root, { recursive: true, force: true }));

const bundle = (name: string, distInfos: string[]): string => fakeBundle(root, name, distInfos);

describe("what the program's bundle carries", () => {
  it("finds SudachiPy's dist-info, and not a package whose name only starts the same", async () => {
    const x64 = bundle('x64', ['spacy-3.8.7.dist-info', 'sudachipy-0.7.0.dist-info']);
    assert.equal(await bundleCarries(x64, 'sudachipy'), true);
    const arm = bundle('arm', ['spacy-3.8.18.dist-info', 'sudachipy_extras-1.0.dist-info']);
    assert.equal(await bundleCarries(arm, 'sudachipy'), false);
    assert.equal(await bundleCarries(join(root, 'nowhere', 'samsara-sidecar'), 'sudachipy'), undefined);
    assert.equal(await bundleCarries(undefined, 'sudachipy'), undefined);
  });

  it('says a module is missing only when the bundle is known to lack it', async () => {
    const arm = bundle('arm2', ['spacy-3.8.18.dist-info']);
    let program: string | undefined = arm;
    const contents = bundleContents(() => program);
    assert.equal(await contents.carries('sudachipy'), false);
    program = join(root, 'custom', 'samsara-sidecar');
    assert.equal(await contents.carries('sudachipy'), true);
  });
});
