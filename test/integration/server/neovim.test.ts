// `node dist/server.js --stdio` is a standard LSP server, not only a VS Code one: Neovim's built-in
// client gets the same diagnostics and hovers from it. (npm test installs Debian's neovim.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt, realSidecar, repoRoot, requireRealSidecar, serverBundle } from '../../helpers/paths';

interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_col: number;
  code: string;
  source: string;
  message: string;
}
interface NeovimResult {
  ok: boolean;
  diagnostics: NeovimDiagnostic[];
  hover: string | null;
}

before(() => {
  requireRealSidecar();
  ensureServerBuilt();
});

test("Neovim's LSP client shows entity diagnostics and hovers", () => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'nvim is not installed: npm test installs it (apt-get install neovim)');

  const dir = mkdtempSync(path.join(tmpdir(), 'samsara-nvim-'));
  const doc = path.join(dir, 'notes.txt');
  // The emoji is 4 bytes in UTF-8 and 2 UTF-16 units: Neovim's byte columns show the server's
  // UTF-16 ranges were converted exactly.
  writeFileSync(doc, 'Barack Obama was born in Honolulu.\n😀 Google bought Fitbit in January 2021.\n');
  const out = path.join(dir, 'out.json');
  const run = spawnSync(
    'nvim',
    ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(repoRoot, 'test', 'fixtures', 'neovim', 'samsaraClient.lua')}`],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        SAMSARA_NVIM_OUT: out,
        SAMSARA_NODE: process.execPath,
        SAMSARA_SERVER: serverBundle,
        SAMSARA_DOC: doc,
        SAMSARA_WAIT_MS: '60000',
        SAMSARA_SIDECAR_PATH: realSidecar,
      },
    },
  );
  assert.equal(run.status, 0, `nvim failed: ${run.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  assert.equal(result.ok, true, 'no diagnostics reached Neovim');

  const seen = result.diagnostics.map((d) => [d.lnum, d.col, d.end_col, d.code]);
  assert.deepEqual(seen.slice(0, 2), [
    [0, 0, 12, 'PERSON'],
    [0, 25, 33, 'GPE'],
  ]);
  assert.ok(
    seen.some(([lnum, col, end, code]) => lnum === 1 && col === 5 && end === 11 && code === 'ORG'),
    `Google after the emoji: ${JSON.stringify(seen)}`,
  );
  assert.ok(result.diagnostics.every((d) => d.source === 'samsara'));
  assert.match(result.hover ?? '', /Barack Obama/);
  assert.match(result.hover ?? '', /PERSON/);
});
