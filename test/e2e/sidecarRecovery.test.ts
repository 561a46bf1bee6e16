// "A restart works even after a failed start", in a real VS Code (code-server). The user settings
// point samsara.sidecar.path at a file that does not exist yet: the sidecar cannot start, and the
// language status says so, naming the path and the setting. Once the file exists (a wrapper that
// execs the bundled sidecar), "Samsara: Restart Sidecar" from the palette brings it up from that
// stopped state and the open document gets its highlights.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { realSidecar } from '../helpers/paths';
import { startSession, type Session } from './harness/session';
import { SAMPLE } from './scenarios';
import { waitForHighlighted, waitForPlain } from './harness/tokenColours';
import { dismissHovers, openFile, runCommand, waitForSidecarState } from './harness/workbench';

const BUNDLED_SIDECAR = realSidecar;

describe('Samsara in VS Code: a restart after a failed start', { timeout: 600_000 }, () => {
  let session: Session;
  const sidecarDir = mkdtempSync(join(tmpdir(), 'samsara-later-'));
  const sidecarPath = join(sidecarDir, 'samsara-sidecar-wrapper');

  before(async () => {
    // The wrapper execs the repository's bundle: fail early and clearly if it was never built.
    if (!existsSync(BUNDLED_SIDECAR)) throw new Error(`the sidecar bundle ${BUNDLED_SIDECAR} is missing: run npm run build:python`);
    session = await startSession({ userSettings: { 'samsara.sidecar.path': sidecarPath } });
  });

  after(async () => {
    await session?.stop();
    rmSync(sidecarDir, { recursive: true, force: true });
  });

  test('a sidecar path that does not exist: stopped, with a reason naming the path and the setting', async () => {
    await session.step('recovery-missing', async () => {
      const { page } = session;
      await openFile(page, SAMPLE.file);
      const status = await waitForSidecarState(page, /Samsara: stopped/, 90_000);
      assert.ok(status.includes(sidecarPath), `the status names the missing path ${sidecarPath}: ${status}`);
      assert.match(status, /samsara\.sidecar\.path/);
      assert.match(status, /not found/);
      console.log(`[e2e] language status with a missing sidecar: ${status}`);
      await dismissHovers(page);
      await waitForPlain(page, Object.values(SAMPLE.coloured), { what: 'no highlighted entity without a sidecar' });
    });
  });

  test('"Samsara: Restart Sidecar" from the stopped state starts the sidecar once it exists, and highlights appear', async () => {
    await session.step('recovery-restart', async () => {
      const { page } = session;
      writeFileSync(sidecarPath, `#!/bin/sh\nexec "${BUNDLED_SIDECAR}" "$@"\n`, { mode: 0o755 });
      await runCommand(page, 'Samsara: Restart Sidecar');
      const status = await waitForSidecarState(page, /Samsara: ready/, 90_000);
      assert.match(status, /en_core_web_sm/);
      await dismissHovers(page);
      await waitForHighlighted(page, Object.values(SAMPLE.coloured), {
        timeoutMs: 60_000,
        what: 'entities of sample.md highlighted after the restart',
      });
    });
  });
});
