// How the workspace index spells files (one URI whatever the editor's percent-encoding) and names
// them in exports (relative to their folder, the folder's name first when there are several).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUri, exportName } from '../../../../server/src/workspace/workspaceUris';

describe('workspace URIs', () => {
  it('spells a file one way', () => {
    assert.equal(canonicalUri('file:///w/%61%20b.md'), 'file:///w/a%20b.md');
    assert.equal(canonicalUri('file:///w/a%20b.md'), 'file:///w/a%20b.md');
    assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  it('names files relative to their folder', () => {
    assert.equal(exportName(['file:///w'], 'file:///w/chapters/one.md'), 'chapters/one.md');
    assert.equal(exportName(['file:///w', 'file:///v'], 'file:///v/notes.txt'), 'v/notes.txt');
    assert.equal(exportName(['file:///w'], 'file:///elsewhere/x.md'), '/elsewhere/x.md');
    assert.equal(exportName(['file:///w'], 'untitled:x'), 'untitled:x');
  });
});
