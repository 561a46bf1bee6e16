// The folder is the boundary (issue 20, attack 4): what the scan, the watcher and the CLI read
// from a workspace is confined here. A path is read only when its real path (links resolved)
// lies inside the folder it was found in, never under /proc, /sys or /dev, and only when it is a
// regular file; it is opened without blocking (a FIFO or a socket would wait for a writer for
// ever) and read up to the size cap by the bytes actually read, not by what stat says (files in
// /proc say 0 bytes and yield gigabytes; a file may grow between stat and read).
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SamsaraError } from '../../../shared/errors';

/** Folders of the system's live state: never read, whatever links lead there. */
export const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'] as const;

/** A path that must not be read: outside its folder, in a system folder, or not a regular file. */
export class RefusedPathError extends SamsaraError {
  constructor(path: string, why: string) {
    super('PATH_REFUSED', `${path}: ${why}: not read`);
  }
}

/** A file over the cap, by the bytes actually read. */
export class TooLargeError extends SamsaraError {
  constructor(
    path: string,
    readonly maxBytes: number,
  ) {
    super('FILE_TOO_LARGE', `${path} is over the size cap of ${maxBytes} bytes: not read`);
  }
}

export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function inSystemFolder(path: string): boolean {
  return SYSTEM_FOLDERS.some((folder) => path === folder || path.startsWith(`${folder}/`));
}

/**
 * The real path of `path`, checked: inside the real path of `root` when a root is given (the
 * workspace folder, or a folder named on the CLI), and never in a system folder.
 * Throws RefusedPathError (or the system's error: ENOENT, ELOOP, EACCES).
 */
export async function confinedPath(path: string, root: string | undefined): Promise<string> {
  const real = await realpath(path);
  if (inSystemFolder(real) || inSystemFolder(path))
    throw new RefusedPathError(path, `it leads to ${real}, in a system folder (${SYSTEM_FOLDERS.join(', ')})`);
  if (root !== undefined && !isInside(await realpath(root), real)) throw new RefusedPathError(path, 'it leads outside the folder');
  return real;
}

/**
 * Up to `maxBytes` bytes of the regular file at `path` (confined to `root` when given). Never
 * blocks on a FIFO or socket (O_NONBLOCK, then fstat refuses anything but a regular file);
 * throws TooLargeError as soon as more than `maxBytes` bytes were read.
 */
export async function readBounded(path: string, maxBytes: number, root?: string): Promise<Buffer> {
  const real = await confinedPath(path, root);
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    if (!(await handle.stat()).isFile()) throw new RefusedPathError(path, 'not a regular file');
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(Math.min(maxBytes + 1, 1 << 16));
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > maxBytes) throw new TooLargeError(path, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** UTF-8 text of a small workspace file (a .gitignore, a rules or scenario file), bounded and confined as above. */
export async function readBoundedText(path: string, maxBytes: number, root?: string): Promise<string> {
  return (await readBounded(path, maxBytes, root)).toString('utf8');
}

/**
 * The text of a workspace file named by a file: URI (a rename's files, the manuscript list), read
 * as above; undefined when it cannot be (missing, refused, too large, not a file: URI).
 */
export async function readUriText(uri: string, maxBytes: number, root?: string): Promise<string | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return await readBoundedText(fileURLToPath(uri), maxBytes, root);
  } catch {
    return undefined;
  }
}
