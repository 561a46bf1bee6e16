// The `samsara` launcher's text and where it may go: it runs the extension's own dist/cli.js with
// the editor's Node, quotes paths with spaces and quotes, is recognised as ours (and as stale after
// an update), and the folders offered are the user's own folders on PATH, then ~/.local/bin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { candidateFolders, conflict, isOurLauncher, isStale, launcherText, type LauncherTarget } from '../../../../client/src/cli/launcher';

describe('the samsara launcher', () => {
  const dir = mkdtempSync(path.join(tmpdir(), "samsara launcher's "));
  const extension = path.join(dir, "ext dir's", 'samsara-0.1.0');
  const target: LauncherTarget = { execPath: process.execPath, extensionPath: extension, version: '0.1.0', platform: 'linux' };

  it('runs dist/cli.js of the extension with the given Node and passes every argument through', () => {
    mkdirSync(path.join(extension, 'dist'), { recursive: true });
    writeFileSync(
      path.join(extension, 'dist', 'cli.js'),
      'console.log(JSON.stringify(process.argv.slice(2)), process.env.ELECTRON_RUN_AS_NODE);\n',
    );
    const file = path.join(dir, 'samsara');
    writeFileSync(file, launcherText(target));
    chmodSync(file, 0o755);
    const out = execFileSync(file, ['entities', 'a file.md', "it's"], { encoding: 'utf8' });
    assert.equal(out.trim(), `${JSON.stringify(['entities', 'a file.md', "it's"])} 1`);
    assert.ok(isOurLauncher(file));
    assert.equal(isStale(file, target), false);
    assert.equal(isStale(file, { ...target, extensionPath: path.join(dir, 'samsara-0.2.0'), version: '0.2.0' }), true);
  });

  it('writes a .cmd for Windows that sets ELECTRON_RUN_AS_NODE', () => {
    const text = launcherText({ ...target, platform: 'win32', execPath: 'C:\\Code\\Code.exe', extensionPath: 'C:\\ext' });
    assert.match(text, /set ELECTRON_RUN_AS_NODE=1\r\n"C:\\Code\\Code\.exe" ".*cli\.js" %\*/);
  });

  it('offers writable folders on PATH inside the home folder first, then ~/.local/bin', () => {
    const home = path.join(dir, 'home');
    const ownBin = path.join(home, 'bin');
    mkdirSync(ownBin, { recursive: true });
    const choices = candidateFolders({ PATH: ['/usr/bin', ownBin, path.join(home, 'missing')].join(':') }, 'linux', home);
    assert.deepEqual(choices, [
      { folder: ownBin, onPath: true },
      { folder: path.join(home, '.local', 'bin'), onPath: false },
    ]);
  });

  it('will not replace a samsara that is not ours without asking', () => {
    const other = path.join(dir, 'other');
    mkdirSync(other);
    assert.equal(conflict(other, 'linux'), undefined);
    writeFileSync(path.join(other, 'samsara'), '#!/bin/sh\necho someone else\n');
    assert.match(conflict(other, 'linux') ?? '', /was not written by Samsara/);
  });
});
