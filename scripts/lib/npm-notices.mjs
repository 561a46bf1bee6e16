// The npm part of THIRD_PARTY_NOTICES.txt: every production dependency (the packages esbuild
// bundles into dist/*.js), with its licence and licence file, read from node_modules.
// Prints to stdout; fails when a package has no licence field.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { encoding: 'utf8' })
  .split('\n')
  .filter((d) => d.trim() !== '' && d !== root);
const seen = new Set();
const rule = '-'.repeat(78);
const out = ['', 'npm packages bundled into dist/client.js, dist/server.js and dist/cli.js', rule];
const bodies = [];
let failed = false;
for (const dir of [...new Set(dirs)].sort()) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const id = `${manifest.name} ${manifest.version}`;
  if (seen.has(id)) continue;
  seen.add(id);
  const licence = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type;
  if (!licence) {
    console.error(`npm-notices: ${id} (${relative(root, dir)}) has no licence field`);
    failed = true;
  }
  out.push(`  ${id}: ${licence ?? 'UNKNOWN'}`);
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f)) : undefined;
  bodies.push('', `${id} (${licence})`, rule, file ? readFileSync(join(dir, file), 'utf8').trimEnd() : '(no licence file in the package)');
}
process.stdout.write([...out, ...bodies, ''].join('\n'));
process.exit(failed ? 1 : 0);
