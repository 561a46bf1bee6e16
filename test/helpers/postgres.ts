// A private PostgreSQL server for a test or a bench: Debian's binaries (scripts/test-integration.sh
// installs the `postgresql` package), a cluster initdb'd in a temporary folder with a random
// password (scram-sha-256), listening on a loopback port and a socket in that folder, owned by an
// unprivileged user (PostgreSQL refuses to run as root: as root, the `postgres` account runs it).
// restart() restarts it in place (clients see their connections drop); stop() removes it all.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresServer {
  /** postgresql://samsara:<password>@127.0.0.1:<port>/postgres */
  url: string;
  password: string;
  port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const bin = majors.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  if (!bin) throw new Error('PostgreSQL is not installed (scripts/test-integration.sh installs Debian\'s "postgresql")');
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'samsara-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(dir, 'pw'), `${password}\n`);
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chmodSync(dir, 0o700);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    chownSync(join(dir, 'pw'), Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (command: string, args: string[]): Promise<unknown> =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { cwd: dir })
      : run(join(bin, command), args, { cwd: dir });
  await as('initdb', ['-D', data, '-U', 'samsara', '--auth=scram-sha-256', `--pwfile=${join(dir, 'pw')}`, '-E', 'UTF8', '--no-sync']);
  rmSync(join(dir, 'pw'));
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const pgCtl = (...args: string[]): Promise<unknown> => as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', ...args]);
  await pgCtl('start');
  return {
    url: `postgresql://samsara:${password}@127.0.0.1:${port}/postgres`,
    password,
    port,
    restart: async () => void (await pgCtl('-m', 'fast', 'restart')),
    stop: async () => {
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
