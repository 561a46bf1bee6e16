// `samsara bible` and `samsara entities --aliases` as a user runs them: bin/samsara in a child
// process with the real bundled sidecar, in a folder whose `.samsara/entities.yaml` declares Emma
// Woodhouse with her other names and whose `.samsara/manuscript.yaml` puts chapter two first.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runSamsara } from '../../helpers/cliRun';
import { ensureCliBuilt, requireRealSidecar } from '../../helpers/paths';

const samsara = (args: string[], cwd: string) => runSamsara(args, { cwd });

const cwd = mkdtempSync(join(tmpdir(), 'samsara-bible-cli-'));

describe('samsara bible', { timeout: 180_000 }, () => {
  before(() => {
    requireRealSidecar();
    ensureCliBuilt();
    mkdirSync(join(cwd, '.samsara'));
    writeFileSync(
      join(cwd, '.samsara', 'entities.yaml'),
      'known:\n  - id: emma\n    text: Emma Woodhouse\n    label: PERSON\n    aliases: [Emma, Miss Woodhouse]\n    notes: The heroine.\n',
    );
    writeFileSync(join(cwd, '.samsara', 'manuscript.yaml'), '- two.md\n- one.md\n');
    writeFileSync(join(cwd, 'one.md'), 'Emma Woodhouse lived in Highbury.\n\nEmma wrote to London.\n');
    writeFileSync(join(cwd, 'two.md'), 'Miss Woodhouse arrived in London.\n');
  });

  it('prints each entity once with its other names, mentions and first appearance in reading order', async () => {
    const run = await samsara(['bible', '--format', 'json', '--workers', '1', '--quiet', '.'], cwd);
    assert.equal(run.code, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as {
      id?: string;
      name: string;
      otherNames: string[];
      mentions: number;
      first: unknown;
      files: unknown;
    }[];
    const emma = rows.find((r) => r.name === 'Emma Woodhouse');
    assert.deepEqual(emma && { ...emma }, {
      id: 'emma',
      name: 'Emma Woodhouse',
      label: 'PERSON',
      otherNames: ['Emma', 'Miss Woodhouse'],
      notes: 'The heroine.',
      mentions: 3,
      first: { file: 'two.md', line: 1 },
      files: [
        { file: 'two.md', mentions: 1 },
        { file: 'one.md', mentions: 2 },
      ],
    });
    const markdown = await samsara(['bible', '--workers', '1', '--quiet', '.'], cwd);
    assert.match(markdown.stdout, /\| Emma Woodhouse \| Emma, Miss Woodhouse \| 3 \| two\.md:1 \| two\.md \(1\), one\.md \(2\) \|/);
  });

  it("names each mention's entity with --aliases, grouped by entity", async () => {
    const run = await samsara(['entities', '--aliases', '--format', 'csv', '--workers', '1', '--quiet', 'one.md'], cwd);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\r\n');
    assert.equal(lines[0], 'file,label,text,line,column,end_line,end_column,start,end,entity');
    assert.deepEqual(
      lines.slice(1).map((l) => `${l.split(',')[2]}→${l.split(',').at(-1)}`),
      ['Emma Woodhouse→emma', 'Emma→emma', 'Highbury→Highbury', 'London→London'],
    );
  });
});
