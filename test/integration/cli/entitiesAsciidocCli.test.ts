// `samsara entities` on AsciiDoc with the real sidecar: a folder walked with the default languages
// finds its .adoc file (Asciidoctor's real README), reads it as AsciiDoc, and prints the names of
// its prose at their exact offsets and none from its header, attributes, listings or targets.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CASES, FIXTURES } from '../../fixtures/formats/formatCases';
import { runSamsara } from '../../helpers/cliRun';
import { ensureCliBuilt, requireRealSidecar } from '../../helpers/paths';

const fixture = CASES.find((c) => c.syntax === 'asciidoc');
const cwd = mkdtempSync(join(tmpdir(), 'samsara-entities-adoc-'));

before(() => {
  requireRealSidecar();
  ensureCliBuilt();
});

describe('samsara entities on AsciiDoc', () => {
  it('prints the names of the prose of a .adoc file at their offsets, none from its syntax', async () => {
    assert.ok(fixture);
    copyFileSync(join(FIXTURES, fixture.file), join(cwd, 'readme.adoc'));
    const text = readFileSync(join(cwd, 'readme.adoc'), 'utf8');
    const run = await runSamsara(['entities', '--workers', '1', '.'], { cwd });
    assert.equal(run.code, 0, run.stderr);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; text: string; start: number; end: number });
    assert.ok(rows.length > 0 && rows.every((r) => r.file === 'readme.adoc'), run.stdout.slice(0, 500));
    for (const name of ['Stuart Rackham', 'Nick Hengeveld']) {
      const start = text.indexOf(name);
      assert.ok(
        rows.some((r) => r.start === start && r.end === start + name.length),
        `${name} at ${start}: ${rows.map((r) => `${r.text}@${r.start}`).join(', ')}`,
      );
    }
    for (const region of fixture.skipped) {
      const from = text.indexOf(region);
      const inside = rows.filter((r) => r.start < from + region.length && r.end > from);
      assert.deepEqual(inside, [], `entities in ${JSON.stringify(region)}`);
    }
  });
});
