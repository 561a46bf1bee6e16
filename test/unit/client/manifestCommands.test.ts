// Every command the client registers is declared in package.json `contributes.commands` (a
// command VS Code does not know has no title in the keyboard shortcuts editor, and a palette
// entry without a declaration cannot exist); a command that only makes sense with an argument
// (a pipeline to download, an entity to reveal) is declared and hidden from the palette.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

interface Manifest {
  contributes: { commands: { command: string }[]; menus: { commandPalette?: { command: string; when?: string }[] } };
}
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

/** Command ids the client registers: literals, and constants (`NAME = 'samsara.…'`, `key: 'samsara.…'`) resolved. */
function registeredCommands(): { ids: Set<string>; unresolved: string[] } {
  const client = sources(path.join(repoRoot, 'client', 'src'));
  const constants = new Map<string, string>();
  for (const text of [...client, ...sources(path.join(repoRoot, 'shared'))]) {
    for (const match of text.matchAll(/\b([A-Za-z_]\w*)\s*[=:]\s*'(samsara\.[\w.]+)'/g)) constants.set(match[1] ?? '', match[2] ?? '');
  }
  const ids = new Set<string>();
  const unresolved: string[] = [];
  for (const text of client) {
    // registerCommand(ID, …), and the history view's helper command('samsara.…', title, run).
    for (const match of text.matchAll(/registerCommand\(\s*([^,)\s]+)|\bcommand\(\s*('samsara\.[\w.]+')/g)) {
      const argument = (match[1] ?? match[2] ?? '').trim();
      const literal = /^'(samsara\.[\w.]+)'$/.exec(argument)?.[1];
      const id = literal ?? constants.get(argument.split('.').pop() ?? '');
      if (id) ids.add(id);
      else if (argument !== 'id') unresolved.push(argument); // `id`: the helper's own parameter
    }
  }
  return { ids, unresolved };
}

describe('commands in package.json', () => {
  const { ids, unresolved } = registeredCommands();
  const declared = new Set(manifest.contributes.commands.map((c) => c.command));

  it('reads every registered command id', () => {
    assert.deepEqual(unresolved, []);
    assert.ok(ids.size >= 30, `only ${ids.size} commands found`);
    assert.ok(ids.has('samsara.downloadPipeline'));
  });

  it('declares every command the client registers', () => {
    assert.deepEqual(
      [...ids].filter((id) => !declared.has(id)),
      [],
    );
  });

  it('hides from the palette the commands that need an argument', () => {
    const hidden = new Set((manifest.contributes.menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
    for (const id of [
      'samsara.downloadPipeline',
      'samsara.labelEntityAs',
      'samsara.entityRulesEdited',
      'samsara.appearances.reveal',
      'samsara.entities.reveal',
    ])
      assert.ok(hidden.has(id), `${id} needs an argument: hide it from the command palette`);
  });
});
