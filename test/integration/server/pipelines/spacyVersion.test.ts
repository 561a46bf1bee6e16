// The real bundle tells its spaCy version in its handshake, and it is the version its own
// metadata (the spacy-X.Y.Z.dist-info PyInstaller copied) and this platform's pin say: the
// version pipelines are checked against before the first handshake and after it agree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_SIDECAR_LINE_BYTES } from '../../../../server/src/sidecar/launchSidecar';
import { buildSidecarEnv } from '../../../../server/src/sidecar/sidecarEnv';
import { startSidecar } from '../../../../server/src/sidecar/sidecarProcess';
import { silentLogger } from '../../../../server/src/logger';
import { bundleSpacyVersion } from '../../../../server/src/pipelines/spacyVersion';
import { realSidecar, repoRoot, requireRealSidecar } from '../../../helpers/paths';

requireRealSidecar();

describe("the bundle's spaCy version", () => {
  it('is in the handshake, and equals the bundle metadata and the pin', async () => {
    const handle = await startSidecar({
      executable: realSidecar,
      args: [],
      env: buildSidecarEnv(process.env),
      startTimeoutMs: 60_000,
      maxLineBytes: MAX_SIDECAR_LINE_BYTES,
      log: silentLogger,
    });
    try {
      const told = handle.info.spacy_version;
      assert.match(told ?? '', /^3\.8\.\d+$/);
      assert.equal(await bundleSpacyVersion(realSidecar), told);
      const pins = process.platform === 'win32' && process.arch === 'arm64' ? 'requirements-win-arm64.txt' : 'requirements.txt';
      const pin = /^spacy==(\S+)$/m.exec(readFileSync(join(repoRoot, 'python-src', pins), 'utf8'))?.[1];
      assert.equal(told, pin);
    } finally {
      await handle.shutdown(3000);
    }
  });
});
