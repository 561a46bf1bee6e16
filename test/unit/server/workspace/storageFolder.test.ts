// Where the workspace index is kept: the editor's storage folder when it passes one; else the OS
// cache directory, one folder per set of workspace folders; nowhere without a folder to scan.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { osCacheDir, storeFile } from '../../../../server/src/workspace/storageFolder';

describe('workspace index store location', () => {
  it("takes the editor's storage folder", () => {
    assert.equal(storeFile({ workspaceStorageFolder: '/s/ws1' }, ['file:///w']), join('/s/ws1', 'workspace-index.jsonl'));
  });

  it('falls back to the cache directory, per set of folders, ignoring malformed options', () => {
    const a = storeFile({ workspaceStorageFolder: 42 }, ['file:///w', 'file:///v'], () => '/cache');
    const b = storeFile(undefined, ['file:///v', 'file:///w'], () => '/cache');
    const c = storeFile(undefined, ['file:///x'], () => '/cache');
    assert.ok(a?.startsWith(join('/cache', 'workspaces')));
    assert.equal(a, b, 'the order of the folders does not matter');
    assert.notEqual(a, c);
    assert.equal(
      storeFile(undefined, ['file:///x'], () => undefined),
      undefined,
    );
    assert.equal(storeFile({ workspaceStorageFolder: '/s' }, []), undefined, 'no folder, nothing to scan');
  });

  it('knows each OS cache directory', () => {
    assert.equal(osCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux'), join('/xdg', 'samsara'));
    assert.match(osCacheDir({}, 'linux') ?? '', /\.cache[\\/]samsara$/);
    assert.match(osCacheDir({}, 'darwin') ?? '', /Library[\\/]Caches[\\/]samsara$/);
    assert.equal(
      osCacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32'),
      join('C:\\Users\\a\\AppData\\Local', 'samsara', 'Cache'),
    );
    assert.equal(osCacheDir({}, 'win32'), undefined);
  });
});
