// Workspace trust: a repository must not be able to make the editor run an executable of its
// choosing. The workspace's settings point samsara.sidecar.path at a script that leaves a marker
// file; opened in restricted mode, the bundled sidecar runs instead and the marker never appears.
// Granting trust afterwards makes the same setting apply, which shows the marker check can fail.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../helpers/waitFor';
import { startSession, type Session } from './harness/session';
import { SAMPLE, SCENARIOS } from './scenarios';
import { waitForHighlighted } from './harness/tokenColours';
import { dismissHovers, openFile, runCommand, waitForSidecarState } from './harness/workbench';

describe('Samsara in a restricted (untrusted) workspace', { timeout: 600_000 }, () => {
  let session: Session;
  const markerDir = mkdtempSync(join(tmpdir(), 'samsara-marker-'));
  const marker = join(markerDir, 'workspace-sidecar-ran');

  before(async () => {
    session = await startSession({
      trusted: false,
      // An absolute path, so the script would certainly be found if the setting were honoured.
      files: (workspace) => ({
        'evil-sidecar.sh': `#!/bin/sh\necho ran > '${marker}'\nexit 1\n`,
        '.vscode/settings.json': JSON.stringify({ 'samsara.sidecar.path': join(workspace, 'evil-sidecar.sh') }),
      }),
    });
  });

  after(async () => {
    await session?.stop();
    rmSync(markerDir, { recursive: true, force: true });
  });

  test('the workspace opens in restricted mode', async () => {
    await session.step('restricted-indicator', async () => {
      await session.page
        .locator('#status\\.workspaceTrust, .statusbar-item:has-text("Restricted Mode")')
        .first()
        .waitFor({ timeout: 30_000 });
    });
  });

  test(SCENARIOS.restricted, async () => {
    await session.step('restricted-bundled', async () => {
      await openFile(session.page, SAMPLE.file);
      await waitForHighlighted(session.page, Object.values(SAMPLE.coloured), {
        timeoutMs: 90_000,
        what: 'entities highlighted by the bundled sidecar',
      });
      const status = await waitForSidecarState(session.page, /Samsara: ready/);
      assert.match(status, new RegExp(SAMPLE.model));
      await dismissHovers(session.page);
      const pids = session.sidecarPids();
      assert.equal(pids.length, 1, 'the bundled sidecar (under the extensions dir) is the one running');
      assert.equal(existsSync(marker), false, 'the workspace sidecar script must not run in restricted mode');
    });
  });

  test('after trust is granted, the workspace setting applies (the marker check can fail)', async () => {
    await session.step('trust-granted', async () => {
      await runCommand(session.page, 'Workspaces: Manage Workspace Trust');
      const trustButton = session.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust( Folder)?$/ }).first();
      await trustButton.click({ timeout: 20_000 });
      await waitFor(() => existsSync(marker), { timeoutMs: 60_000, message: 'the workspace sidecar script to run once trusted' });
    });
  });
});
