// Which files the workspace scan (and `samsara entities`) reads: languages by extension, include
// and exclude globs, nested .gitignore files with negations, the transcript folder, .git, a size
// cap, links that lead nowhere; and the same answer for one file a watcher reports (admits).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { admits, walkFolder, type Found } from '../../../../server/src/workspace/discovery';
import { enabledGlobs, type ScanRules } from '../../../../server/src/workspace/fileRules';
import { languageFiles, watcherGlob } from '../../../../server/src/workspace/languageFiles';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'samsara-discovery-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const rules = (extra: Partial<ScanRules> = {}): ScanRules => ({
  languages: languageFiles(['plaintext', 'markdown']),
  include: [],
  exclude: [],
  excludedFolders: ['.samsara/probes'],
  maxFileBytes: 100,
  gitignore: true,
  ...extra,
});

async function walk(root: string, r: ScanRules): Promise<Found[]> {
  const found: Found[] = [];
  for await (const f of walkFolder(root, r)) found.push(f);
  return found;
}

const names = (found: Found[], kind: Found['kind'] = 'file'): string[] => found.filter((f) => f.kind === kind).map((f) => f.relativePath);

describe('workspace file discovery', () => {
  const root = tree({
    'a.md': 'A',
    'b.txt': 'B',
    'c.json': '{}',
    'README.MARKDOWN': 'R',
    '.gitignore': 'out/\n*.log.md\n',
    'out/gen.md': 'G',
    'x.log.md': 'L',
    'docs/.gitignore': '!keep.log.md\nprivate.md\n',
    'docs/keep.log.md': 'K',
    'docs/private.md': 'P',
    'docs/guide.md': 'D',
    '.git/notes.md': 'N',
    '.samsara/probes/t.md': 'T',
    '.samsara/notes.md': 'S',
    'big.txt': 'x'.repeat(101),
  });

  it('walks the files of the configured languages, leaving out what .gitignore files, .git and the transcript folder hold', async () => {
    const found = await walk(root, rules());
    assert.deepEqual(names(found), ['README.MARKDOWN', 'a.md', 'b.txt', '.samsara/notes.md', 'docs/guide.md', 'docs/keep.log.md']);
    assert.deepEqual(names(found, 'tooLarge'), ['big.txt']);
    const md = found.find((f) => f.relativePath === 'a.md');
    assert.equal(md?.kind === 'file' && md.languageId, 'markdown');
  });

  it('applies include and exclude globs, and reads ignored files when told to', async () => {
    assert.deepEqual(names(await walk(root, rules({ include: ['docs/**'] }))), ['docs/guide.md', 'docs/keep.log.md']);
    assert.deepEqual(names(await walk(root, rules({ exclude: ['**/docs', '*.txt'] }))), ['README.MARKDOWN', 'a.md', '.samsara/notes.md']);
    assert.ok(names(await walk(root, rules({ gitignore: false }))).includes('out/gen.md'));
    assert.deepEqual(names(await walk(root, rules({ languages: languageFiles(['plaintext']) }))), ['b.txt']);
  });

  it('reports a link that leads nowhere as unreadable, and does not follow links to folders', async () => {
    const linked = tree({ 'real/a.md': 'A' });
    symlinkSync('nowhere.md', join(linked, 'broken.md'));
    symlinkSync(join(linked, 'real'), join(linked, 'loop'));
    const found = await walk(linked, rules());
    assert.deepEqual(names(found), ['real/a.md']);
    const broken = found.find((f) => f.kind === 'unreadable');
    assert.equal(broken?.relativePath, 'broken.md');
    assert.match(broken?.kind === 'unreadable' ? broken.message : '', /ENOENT/);
  });

  it('answers for one file as the walk does (admits)', async () => {
    assert.equal(await admits(root, 'docs/guide.md', rules()), 'markdown');
    assert.equal(await admits(root, 'docs/keep.log.md', rules()), 'markdown', 'a deeper negation takes it back');
    assert.equal(await admits(root, 'docs/private.md', rules()), undefined);
    assert.equal(await admits(root, 'out/gen.md', rules()), undefined);
    assert.equal(await admits(root, '.samsara/probes/t.md', rules()), undefined);
    assert.equal(await admits(root, 'c.json', rules()), undefined);
  });

  it('reads files.exclude-style settings and extension tables', () => {
    assert.deepEqual(enabledGlobs({ '**/.git': true, '**/*.js': { when: '$(basename).ts' }, '**/tmp': false }), ['**/.git']);
    assert.deepEqual(enabledGlobs(null), []);
    const files = languageFiles(['text', 'markdown', 'klingon']);
    assert.equal(files.languageOf('/a/B.Md'), 'markdown');
    assert.equal(files.languageOf('notes.txt'), 'plaintext', 'aliases of other clients count');
    assert.deepEqual(files.unknown, ['klingon']);
    assert.equal(watcherGlob(['.md']), '**/*.md');
    assert.equal(watcherGlob(['.md', '.txt']), '**/*.{md,txt}');
  });
});
