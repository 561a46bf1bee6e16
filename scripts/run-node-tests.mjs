// Runs the TypeScript tests under one folder of test/ with node's own test runner (via tsx).
// Node 20's --test does not expand globs, so the files are collected here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const [suite, ...rest] = process.argv.slice(2);
// Test files named on the command line run alone (e.g. npm run test:e2e -- test/e2e/probe.test.ts);
// everything else is passed to node --test.
const named = rest.filter((arg) => arg.endsWith('.test.ts'));
const extra = rest.filter((arg) => !arg.endsWith('.test.ts'));
if (!suite) {
  console.error('usage: node scripts/run-node-tests.mjs <unit|integration|e2e> [node --test flags]');
  process.exit(2);
}
const root = join(import.meta.dirname, '..', 'test', suite);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(relative(process.cwd(), path));
  }
})(root);
if (named.length > 0) files.splice(0, files.length, ...named);
if (files.length === 0) {
  console.error(`no test files under test/${suite}`);
  process.exit(1);
}
// Integration and e2e tests start real processes; on 2 cores they run one file at a time.
const concurrency = suite === 'unit' ? [] : ['--test-concurrency=1'];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, ...extra, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
