// A hostile workspace for the tests of issue 20: every way out of the folder the review found
// (links to /etc/passwd, /proc, a file outside; a FIFO, a FIFO .gitignore, a socket) beside one
// honest file, and YAML alias bombs for the rules file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One alias used 100 times: `Excessive alias count` once expanded. */
export const ALIAS_HUNDRED = `x: &a [Ada]\nknown:\n${Array.from({ length: 100 }, () => '  - {text: *a, label: P}').join('\n')}\n`;
/** The classic billion-laughs shape, 9 levels of 9 (a few hundred bytes). */
export const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const prev = 'abcdefghi'[i];
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

export interface HostileWorkspace {
  root: string;
  outside: string;
  close(): Promise<void>;
}

/** A hostile workspace: every way out the review found, beside one honest file (resolves once its socket listens). */
export async function hostileWorkspace(): Promise<HostileWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'samsara-hostile-ws-'));
  const outside = mkdtempSync(join(tmpdir(), 'samsara-outside-'));
  writeFileSync(join(outside, 'secret.md'), 'Ada Lovelace kept this outside the workspace.');
  writeFileSync(join(root, 'notes.md'), 'Charles Babbage met Ada Lovelace in London.');
  symlinkSync('/etc/passwd', join(root, 'passwd.md'));
  symlinkSync('/proc/self/environ', join(root, 'environ.md'));
  symlinkSync('/proc/self/pagemap', join(root, 'pagemap.md'));
  symlinkSync(join(outside, 'secret.md'), join(root, 'secret.md'));
  symlinkSync('../' + outside.split('/').pop() + '/secret.md', join(root, 'relative.md'));
  execFileSync('mkfifo', [join(root, 'fifo.md')]);
  execFileSync('mkfifo', [join(root, '.gitignore')]); // read by every walk
  const server: Server = createServer();
  await new Promise<void>((listening) => server.listen(join(root, 'socket.md'), listening));
  return {
    root,
    outside,
    close: async () => {
      await new Promise((done) => server.close(done));
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}
