// The spaCy a pipeline is checked against is the one the language model program carries, not a
// constant: its handshake says it; before the first handshake the bundle's spacy-X.Y.Z.dist-info
// does; with neither, the catalogue's series floor. A pipeline needing spaCy 3.8.11 (Windows on
// ARM's own build carries 3.8.18) is accepted there and refused by a 3.8.7 program.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PipelineError } from '../../../../server/src/pipelines/pipelineErrors';
import { fakeBundle } from '../../../helpers/fakeBundle';
import { checkCompatible, type PipelineMeta } from '../../../../server/src/pipelines/pipelineMeta';
import { bundleSpacyVersion, SERIES_FLOOR, SpacyVersion } from '../../../../server/src/pipelines/spacyVersion';

const root = mkdtempSync(join(tmpdir(), 'samsara-spacy-version-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A bundle laid out as PyInstaller's --onedir leaves it, with these dist-info folders. */
const bundle = (name: string, distInfos: string[]): string => fakeBundle(root, name, distInfos, 'samsara-sidecar.exe');

const needs3811: PipelineMeta = {
  name: 'fr_core_news_sm',
  language: 'fr',
  version: '3.8.1',
  spacyVersion: '>=3.8.11,<3.9.0',
  labels: ['PER', 'LOC'],
  licence: 'LGPL-LR',
};

describe("the program's spaCy version", () => {
  it("reads spaCy's own dist-info in the bundle, not its helpers'", async () => {
    const arm = bundle('arm64', ['spacy_legacy-3.0.12.dist-info', 'spacy_loggers-1.0.5.dist-info', 'spacy-3.8.18.dist-info']);
    assert.equal(await bundleSpacyVersion(arm), '3.8.18');
    assert.equal(await bundleSpacyVersion(bundle('bare', ['numpy-2.4.6.dist-info'])), undefined);
    assert.equal(await bundleSpacyVersion(join(root, 'nowhere', 'samsara-sidecar')), undefined);
  });

  it('takes the handshake over the bundle, ignores a malformed one, and falls back to the series floor', async () => {
    const x64 = bundle('x64', ['spacy-3.8.7.dist-info']);
    const version = new SpacyVersion(() => x64);
    assert.equal(await version.current(), '3.8.7');
    version.handshake('not a version');
    assert.equal(await version.current(), '3.8.7');
    version.handshake('3.8.18');
    assert.equal(await version.current(), '3.8.18');
    assert.equal(await new SpacyVersion().current(), SERIES_FLOOR);
  });

  it('accepts a pipeline that needs spaCy 3.8.11 in a 3.8.18 program and refuses it in a 3.8.7 one', () => {
    assert.doesNotThrow(() => checkCompatible(needs3811, '3.8.18'));
    assert.throws(
      () => checkCompatible(needs3811, '3.8.7'),
      (error: unknown) =>
        error instanceof PipelineError &&
        error.kind === 'incompatible' &&
        /needs spaCy >=3\.8\.11,<3\.9\.0, but Samsara carries spaCy 3\.8\.7/.test(error.message),
    );
  });
});
