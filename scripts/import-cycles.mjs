// `npm run lint` part: fails when the TypeScript sources import each other in a circle.
// A circle makes two modules one unit that neither can be read, tested nor moved without the
// other, and with value imports it leaves one side `undefined` at load time. Type-only imports
// count too: they are design circles all the same. Imports are read with TypeScript's own
// pre-processor (no type checking, so this is quick); only relative specifiers are followed.
//
// Usage: node scripts/import-cycles.mjs [folder...]   (default: the product and test folders)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FOLDERS = ['client/src', 'server/src', 'shared', 'cli/src', 'test', 'bench', 'scripts'];

/**
 * Circles known and owned elsewhere, as "a.ts <-> b.ts" (repository-relative, sorted). Each entry
 * names who removes it. An entry that no longer matches a circle is reported (not failed, so the
 * branch that removes the circle and the one that removes the entry can land in either order).
 */
// Circles tolerated for a while, each with its reason (none now: keep it that way).
const ALLOWED = new Map();

function sourceFiles(folder) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
    }
  };
  if (existsSync(folder)) walk(folder);
  return out;
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|mjs|ts)$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.mts`, `${stem}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Tarjan's strongly connected components: every component of more than one file is a circle. */
function circles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indices.get(next)));
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

export function importGraph(folders) {
  const graph = new Map();
  for (const folder of folders) {
    for (const file of sourceFiles(resolve(ROOT, folder))) {
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = new Set();
      for (const ref of info.importedFiles) {
        const target = resolveImport(file, ref.fileName);
        if (target && target !== file) targets.add(relative(ROOT, target));
      }
      graph.set(relative(ROOT, file), targets);
    }
  }
  return graph;
}

export function findCircles(folders) {
  return circles(importGraph(folders)).map((files) => files.join(' <-> '));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folders = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FOLDERS;
  const found = findCircles(folders);
  const unexpected = found.filter((c) => !ALLOWED.has(c));
  const stale = process.argv.length > 2 ? [] : [...ALLOWED.keys()].filter((c) => !found.includes(c));
  for (const c of found.filter((c) => ALLOWED.has(c))) console.error(`import-cycles: allowed for now (${ALLOWED.get(c)}): ${c}`);
  for (const c of unexpected) console.error(`import-cycles: circle: ${c}`);
  for (const c of stale)
    console.error(`import-cycles: the allowed circle ${c} is gone; remove it from ALLOWED in scripts/import-cycles.mjs`);
  if (unexpected.length > 0) process.exit(1);
}
