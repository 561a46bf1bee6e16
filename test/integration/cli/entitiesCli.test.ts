// `samsara entities` as a user runs it: bin/samsara in a child process with a clean environment
// and the real bundled sidecar, on a folder with Markdown (a code fence whose names are not
// prose), plain text, a .gitignore'd folder, a link that leads nowhere and a file that is not
// UTF-8: the expected JSON Lines, the unreadable files named on stderr, exit code 1; CSV; usage errors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureCliBuilt, repoRoot, requireRealSidecar } from '../../helpers/paths';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function samsara(args: string[], cwd: string): Promise<Run> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'samsara'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const CHAPTER = [
  '# The Engine',
  '',
  'Ada Lovelace met Charles Babbage in London.',
  '',
  '```python',
  'print("Microsoft Windows in Seattle")',
  '```',
  '',
  'She wrote about the Analytical Engine in 1843.',
  '',
].join('\n');
const NOTES = 'Barack Obama visited Paris in May.\n';

const cwd = mkdtempSync(join(tmpdir(), 'samsara-entities-cli-'));
const book = join(cwd, 'book');
mkdirSync(join(book, 'ignored'), { recursive: true });
writeFileSync(join(book, '.gitignore'), 'ignored/\n');
writeFileSync(join(book, 'chapter.md'), CHAPTER);
writeFileSync(join(book, 'notes.txt'), NOTES);
writeFileSync(join(book, 'ignored', 'draft.md'), 'Isaac Newton lived in Cambridge.\n');
writeFileSync(join(book, 'picture.png'), 'Albert Einstein');
// Bytes that are not UTF-8, under a text extension.
writeFileSync(join(book, 'data.txt'), Buffer.from([0x41, 0xc3, 0x28, 0x0a]));
symlinkSync('missing.md', join(book, 'broken.md'));

before(() => {
  requireRealSidecar();
  ensureCliBuilt();
});

describe('samsara entities', () => {
  it('prints one JSON line per mention of the readable files, names the unreadable ones, exits 1', async () => {
    const run = await samsara(['entities', 'book'], cwd);
    assert.equal(run.code, 1, run.stderr);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      rows.map((r) => [r.file, r.label, r.text, r.line, r.column]),
      [
        ['book/chapter.md', 'ORG', 'Engine', 1, 7],
        ['book/chapter.md', 'PERSON', 'Ada Lovelace', 3, 1],
        ['book/chapter.md', 'PERSON', 'Charles Babbage', 3, 18],
        ['book/chapter.md', 'GPE', 'London', 3, 37],
        ['book/chapter.md', 'ORG', 'the Analytical Engine', 9, 17],
        ['book/chapter.md', 'DATE', '1843', 9, 42],
        ['book/notes.txt', 'PERSON', 'Barack Obama', 1, 1],
        ['book/notes.txt', 'GPE', 'Paris', 1, 22],
        ['book/notes.txt', 'DATE', 'May', 1, 31],
      ],
    );
    for (const row of rows) {
      const text = row.file === 'book/chapter.md' ? CHAPTER : NOTES;
      assert.equal(text.slice(Number(row.start), Number(row.end)), row.text, 'UTF-16 offsets into the file');
      assert.equal(Number(row.endColumn) - Number(row.column), String(row.text).length);
    }
    assert.match(run.stderr, /cannot read book\/broken\.md: no such file \(ENOENT\)/);
    assert.match(run.stderr, /cannot read book\/data\.txt: not UTF-8 text/);
    assert.match(run.stderr, /2 files, 9 entities/);
    assert.doesNotMatch(run.stdout, /Microsoft|Newton|Einstein/, 'no code, no ignored folder, no other extension');
  });

  it('prints CSV, and reads a file named on its own, exit 0', async () => {
    const run = await samsara(['entities', '--format', 'csv', '--quiet', '--workers', '1', 'book/notes.txt'], cwd);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'file,label,text,line,column,end_line,end_column,start,end',
        'book/notes.txt,PERSON,Barack Obama,1,1,1,13,0,12',
        'book/notes.txt,GPE,Paris,1,22,1,27,21,26',
        'book/notes.txt,DATE,May,1,31,1,34,30,33',
        '',
      ].join('\r\n'),
    );
    assert.equal(run.stderr, '');
  });

  it('applies the .samsara/entities.yaml of the folder it runs in, reporting a bad entry', async () => {
    const project = mkdtempSync(join(tmpdir(), 'samsara-entities-rules-'));
    mkdirSync(join(project, '.samsara'));
    writeFileSync(
      join(project, '.samsara', 'entities.yaml'),
      ['known:', '  - text: Analytical Engine', '    label: PRODUCT', '  - label: PERSON', 'ignore:', '  texts: [London]', ''].join('\n'),
    );
    writeFileSync(join(project, 'chapter.md'), CHAPTER);
    const run = await samsara(['entities', '--workers', '1', 'chapter.md'], project);
    assert.equal(run.code, 0, run.stderr);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const labelled = rows.map((r) => `${String(r.label)} ${String(r.text)}`);
    assert.ok(labelled.includes('PRODUCT Analytical Engine'), labelled.join('; '));
    assert.ok(!labelled.some((r) => r.endsWith('London')), 'an ignored text is no entity');
    assert.match(run.stderr, /entities\.yaml:4: .*\(skipped\)/);
  });

  it('rejects a bad option with its usage, exit 2', async () => {
    const run = await samsara(['entities', '--format', 'xml', 'book'], cwd);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--format expects jsonl or csv, not "xml"/);
    assert.match(run.stderr, /Usage: samsara entities/);
    assert.equal((await samsara(['entities'], cwd)).code, 2);
  });
});
