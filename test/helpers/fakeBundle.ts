// A language model program laid out as PyInstaller's --onedir leaves it: the program, and beside
// it `_internal/` holding the dist-info folders named (what the server reads a bundle's spaCy
// version and its SudachiPy from). Only the layout: the program is an empty file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Makes `<root>/<name>/` with those dist-info folders and returns the program's path. */
export function fakeBundle(root: string, name: string, distInfos: readonly string[], programName = 'samsara-sidecar'): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '_internal'), { recursive: true });
  for (const info of distInfos) mkdirSync(join(dir, '_internal', info));
  const program = join(dir, programName);
  writeFileSync(program, '');
  return program;
}
