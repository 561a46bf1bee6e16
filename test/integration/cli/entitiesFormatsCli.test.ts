// `samsara entities` on a folder with a LaTeX, a reStructuredText and a Typst file, as a user runs
// it (bin/samsara, the real bundled sidecar): each format's parser (WebAssembly) loads on the
// first file of its format, not before the run; every file is read in its format, and the names
// in its prose come out at their exact offsets.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CASES, FIXTURES } from '../../fixtures/formats/formatCases';
import { entitiesIn } from '../../helpers/cliRun';
import { ensureCliBuilt, requireRealSidecar } from '../../helpers/paths';

before(() => {
  requireRealSidecar();
  ensureCliBuilt();
});

describe('samsara entities on LaTeX, reStructuredText and Typst', () => {
  it('loads each parser for its file and finds the names of its prose', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'samsara-entities-formats-'));
    const cases = CASES.filter((c) => ['latex', 'restructuredtext', 'typst'].includes(c.syntax));
    assert.equal(cases.length, 3);
    for (const c of cases) copyFileSync(join(FIXTURES, c.file), join(cwd, c.file));
    const { run, rows } = await entitiesIn(cwd);
    assert.equal(run.code, 0, run.stderr);
    for (const c of cases) {
      const text = readFileSync(join(cwd, c.file), 'utf8');
      const found = rows.filter((row) => row.file === c.file);
      assert.ok(found.length > 0, `no entities in ${c.file}: ${run.stderr}`);
      for (const row of found) assert.equal(text.slice(row.start, row.end), row.text, `UTF-16 offsets into ${c.file}`);
      // A name of its prose, whole or in part, is among them.
      assert.ok(
        c.kept.some((kept) => found.some((row) => kept.includes(row.text))),
        `${c.file}: ${found.map((row) => row.text).join('; ')}`,
      );
    }
  });
});
