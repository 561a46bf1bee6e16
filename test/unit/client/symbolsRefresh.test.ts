// The Outline and breadcrumbs are told to ask for symbols again when a document's entities change
// without an edit (a rules change publishes the same version again), once for many documents, and
// not after an edit (the editor asks on its own then).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { SymbolsRefresh } from '../../../client/src/symbolsRefresh';

describe('symbols refresh after entities change without an edit', () => {
  let nudges: number;
  let refresh: SymbolsRefresh;

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    nudges = 0;
    refresh = new SymbolsRefresh(() => (nudges += 1));
  });

  afterEach(() => {
    refresh.dispose();
    mock.timers.reset();
  });

  it('does not nudge for an open or an edit (a new version)', () => {
    refresh.changed('file:///a.md', 1);
    refresh.changed('file:///a.md', 2);
    mock.timers.tick(1);
    assert.equal(nudges, 0);
  });

  it('nudges once when the same version is published again, for all documents a rules change reached', () => {
    refresh.changed('file:///a.md', 1);
    refresh.changed('file:///b.md', 3);
    refresh.changed('file:///a.md', 1);
    refresh.changed('file:///b.md', 3);
    mock.timers.tick(1);
    assert.equal(nudges, 1);
    refresh.changed('file:///a.md', 1);
    mock.timers.tick(1);
    assert.equal(nudges, 2, 'a later change nudges again');
  });

  it('starts over for a document closed and opened again', () => {
    refresh.changed('file:///a.md', 1);
    refresh.forget('file:///a.md');
    refresh.changed('file:///a.md', 1);
    mock.timers.tick(1);
    assert.equal(nudges, 0);
  });
});
