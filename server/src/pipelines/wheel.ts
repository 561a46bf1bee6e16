// Unpacks the pipeline data directory out of a spaCy pipeline wheel (a zip): the one folder,
// `<package>/<name>-<version>/`, that holds config.cfg and meta.json. Only that folder is
// written, entry by entry, with names checked (no absolute paths, no `..`) and the total size
// bounded, so a hostile wheel can neither escape the destination nor fill the disk. A support
// package's wheel (a dictionary a language needs) is unpacked whole, with the same checks.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type * as yauzl from 'yauzl';
import { PipelineError } from './pipelineErrors';

const MAX_UNPACKED_BYTES = 4 * 1024 ** 3;
const MAX_ENTRIES = 10_000;

function openZip(path: string): Promise<yauzl.ZipFile> {
  // Required here, not at start-up: yauzl brings zlib, ~10 ms of every server start otherwise,
  // and only installing a pipeline reads a zip.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { open } = require('yauzl') as typeof yauzl;
  return new Promise((resolve, reject) => {
    open(path, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (error, zip) =>
      error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip),
    );
  });
}

async function entriesOf(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) reject(new Error(`more than ${MAX_ENTRIES} entries`));
      else zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

/** The `<package>/<dir>/` prefix whose folder holds config.cfg and meta.json, if exactly one does. */
export function dataDirPrefix(names: readonly string[]): string | undefined {
  const configs = names.filter((name) => /^[^/]+\/[^/]+\/config\.cfg$/.test(name)).map((name) => name.slice(0, -'config.cfg'.length));
  const withMeta = configs.filter((prefix) => names.includes(`${prefix}meta.json`));
  return withMeta.length === 1 ? withMeta[0] : undefined;
}

/** Unpacks the wheel's pipeline data directory into `destination` (created). */
export async function unpackWheel(wheelPath: string, destination: string, what: string): Promise<void> {
  await withZip(wheelPath, what, async (zip, entries) => {
    const prefix = dataDirPrefix(entries.map((entry) => entry.fileName));
    if (prefix === undefined)
      throw new PipelineError('badPackage', `${what} holds no spaCy pipeline (no <package>/<name>-<version>/config.cfg with meta.json).`);
    await writeEntries(zip, entries, prefix, destination, what);
  });
}

/** Unpacks a whole wheel (a support package: its package folder and .dist-info) into `destination`. */
export async function unpackWholeWheel(wheelPath: string, destination: string, what: string): Promise<void> {
  await withZip(wheelPath, what, (zip, entries) => writeEntries(zip, entries, '', destination, what));
}

async function withZip(wheelPath: string, what: string, use: (zip: yauzl.ZipFile, entries: yauzl.Entry[]) => Promise<void>): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(wheelPath);
  } catch (error) {
    throw new PipelineError(
      'badPackage',
      `${what} is not a readable wheel (zip): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  try {
    await use(zip, await entriesOf(zip));
  } finally {
    zip.close();
  }
}

/** Writes the files under `prefix`, names checked and the total bounded, into `destination`. */
async function writeEntries(zip: yauzl.ZipFile, entries: yauzl.Entry[], prefix: string, destination: string, what: string): Promise<void> {
  const wanted = entries.filter((entry) => entry.fileName.startsWith(prefix) && !entry.fileName.endsWith('/'));
  const total = wanted.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_UNPACKED_BYTES)
    throw new PipelineError('badPackage', `${what} unpacks to more than ${MAX_UNPACKED_BYTES} bytes; refused.`);
  for (const entry of wanted) {
    const relative = entry.fileName.slice(prefix.length);
    const normal = posix.normalize(relative);
    if (normal.startsWith('..') || posix.isAbsolute(normal) || normal.includes('\\')) {
      throw new PipelineError('badPackage', `${what} has an entry outside its folder (${entry.fileName}); refused.`);
    }
    const target = join(destination, ...normal.split('/'));
    await mkdir(dirname(target), { recursive: true });
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (error, read) => (error || !read ? reject(error ?? new Error('no stream')) : resolve(read))),
    );
    await pipeline(stream, createWriteStream(target));
  }
}
