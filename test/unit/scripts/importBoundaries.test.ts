// The boundaries `npm run lint` enforces (eslint.config.mjs, scripts/import-cycles.mjs): a
// deliberately wrong import in each side and room must fail, and the allowed ones must pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { ESLint } from 'eslint';

const root = resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** The boundary messages eslint reports for `code` as if it were the file `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  assert.ok(result, 'eslint linted the text');
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

test('the client may not import the server or the CLI', async () => {
  const errors = await boundaryErrors(
    'client/src/wrong.ts',
    "import { Logger } from '../../server/src/logger';\nimport { main } from '../../cli/src/main';\nexport { Logger, main };\n",
  );
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors[0] ?? '', /reached over LSP/);
});

test('shared may not import either side, nor the editor API', async () => {
  const errors = await boundaryErrors(
    'shared/wrong.ts',
    "import * as vscode from 'vscode';\nimport { x } from '../client/src/config';\nimport { y } from '../server/src/logger';\nexport { vscode, x, y };\n",
  );
  assert.equal(errors.length, 3, errors.join('\n'));
});

test('an engine room may not import features, probes, workspace, entity rules or the LSP connection', async () => {
  const errors = await boundaryErrors(
    'server/src/analysis/wrong.ts',
    [
      "import { hover } from '../features/hover';",
      "import { p } from '../probes/probeRunner';",
      "import { w } from '../workspace/workspaceIndex';",
      "import { r } from '../entityRules/rulesReloader';",
      "import { createConnection } from 'vscode-languageserver/node';",
      "import { DiagnosticSeverity } from 'vscode-languageserver';",
      'export { hover, p, w, r, createConnection, DiagnosticSeverity };',
      '',
    ].join('\n'),
  );
  assert.equal(errors.length, 6, errors.join('\n'));
  assert.match(errors[0] ?? '', /Engine rooms/);
});

test('an engine room may import other engine rooms and LSP types; features may import the engine', async () => {
  assert.deepEqual(
    await boundaryErrors(
      'server/src/text/fine.ts',
      "import type { Range } from 'vscode-languageserver';\nimport { labelOf } from '../entities/labels';\nexport type { Range };\nexport { labelOf };\n",
    ),
    [],
  );
  assert.deepEqual(
    await boundaryErrors(
      'server/src/features/fine.ts',
      "import { createConnection } from 'vscode-languageserver/node';\nimport { s } from '../analysis/documentState';\nexport { createConnection, s };\n",
    ),
    [],
  );
});

const scratch = mkdtempSync(join(tmpdir(), 'samsara-cycles-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function importCycles(...folders: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'import-cycles.mjs'), ...folders], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

test('the cycle check fails on two files that import each other, type-only or not', () => {
  writeFileSync(join(scratch, 'a.ts'), "import type { B } from './b';\nexport type A = { b?: B };\n");
  writeFileSync(
    join(scratch, 'b.ts'),
    "import { a } from './c';\nimport type { A } from './a';\nexport type B = { a?: A };\nexport { a };\n",
  );
  writeFileSync(join(scratch, 'c.ts'), 'export const a = 1;\n');
  const { status, stderr } = importCycles(scratch);
  assert.equal(status, 1);
  assert.match(stderr, /circle: .*a\.ts <-> .*b\.ts/);
  assert.doesNotMatch(stderr, /c\.ts/);
});

test('the product tree has no circle beyond the commented allow-list', () => {
  const { status, stderr } = importCycles();
  assert.equal(status, 0, stderr);
});
