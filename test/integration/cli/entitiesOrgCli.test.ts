// `samsara entities` on a folder with an Org file, as a user runs it (bin/samsara, the real
// bundled sidecar): the file is read as Org because of its .org extension, so the names in its
// prose come out at their exact offsets and nothing from its drawers, planning lines, tags,
// blocks, comments or link targets does.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../../fixtures/formats/formatCases';
import { entitiesIn } from '../../helpers/cliRun';
import { ensureCliBuilt, requireRealSidecar } from '../../helpers/paths';

before(() => {
  requireRealSidecar();
  ensureCliBuilt();
});

describe('samsara entities on Org', () => {
  it('reads a .org file as Org: names from its prose only, at their offsets', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'samsara-entities-org-'));
    copyFileSync(join(FIXTURES, 'notes.org'), join(cwd, 'notes.org'));
    const text = readFileSync(join(cwd, 'notes.org'), 'utf8');
    const { run, rows } = await entitiesIn(cwd);
    assert.equal(run.code, 0, run.stderr);
    const names = rows.map((r) => r.text);
    for (const name of ['Grace Hopper', 'Jean Sammet', 'Harvard University']) assert.ok(names.includes(name), names.join('; '));
    for (const row of rows) {
      assert.equal(row.file, 'notes.org');
      assert.equal(text.slice(row.start, row.end), row.text, 'UTF-16 offsets into the file');
    }
    const syntax = ['Pentagon', 'Nairobi', 'Lisbon', 'Berlin', 'Paris', 'Madrid', 'Kyoto', 'Montreal', 'Cairo', 'Zurich'];
    assert.deepEqual(
      names.filter((name) => syntax.some((word) => name.includes(word))),
      [],
    );
  });
});
