// "Samsara: Install Command Line…" in the real VS Code: the launcher lands in the folder picked
// (~/.local/bin of a private home, on the PATH of the editor), and a terminal's `samsara` is the
// extension's own command line with its bundled language model: `samsara --version` names the
// model, `samsara entities` finds the people in a file. "Uninstall Command Line" removes it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../helpers/waitFor';
import { startSession, type Session } from './harness/session';
import { pick, runPaletteCommand } from './harness/quickInput';
import { runCommand } from './harness/workbench';

describe('the samsara command line, installed from the editor', () => {
  const home = mkdtempSync(join(tmpdir(), 'samsara-home-'));
  const bin = join(home, '.local', 'bin');
  const PATH = `${bin}:${process.env.PATH ?? ''}`;
  let session: Session;

  before(async () => {
    mkdirSync(bin, { recursive: true });
    session = await startSession({
      env: { HOME: home, PATH },
      files: () => ({ 'letter.txt': 'Ada Lovelace wrote to Charles Babbage from London in 1843.\n' }),
    });
  });
  after(async () => {
    await session?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('puts samsara on the PATH; it runs the bundled model; uninstall removes it', async () => {
    const launcher = join(bin, 'samsara');
    await session.step('install-command-line', async () => {
      await runPaletteCommand(session.page, 'Samsara: Install Command Line…', 'Install the samsara command in which folder?');
      await pick(session.page, '.local/bin', '~/.local/bin');
      await waitFor(() => existsSync(launcher), { timeoutMs: 15_000, message: `${launcher} written` });
    });
    const run = (args: string[]): string =>
      execFileSync('samsara', args, { cwd: session.workspace, env: { PATH, HOME: home }, encoding: 'utf8', timeout: 120_000 });
    assert.match(run(['--version']), /^samsara \d+\.\d+\.\d+, language model en_core_web_sm \d/);
    const found = run(['entities', 'letter.txt'])
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { label?: string; text?: string });
    const people = found.filter((e) => e.label === 'PERSON').map((e) => e.text);
    assert.ok(people.includes('Ada Lovelace') && people.includes('Charles Babbage'), `people found: ${JSON.stringify(found)}`);

    await session.step('uninstall-command-line', async () => {
      await runCommand(session.page, 'Samsara: Uninstall Command Line');
      await waitFor(() => !existsSync(launcher), { timeoutMs: 15_000, message: `${launcher} removed` });
    });
  });
});
