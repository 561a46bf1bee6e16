// Reads a workspace file Samsara must see but the editor does not have open (a rename's other files,
// the manuscript list): a regular file only (no link followed, no FIFO waited on), at most
// `maxBytes`, as UTF-8. Undefined otherwise.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function readBounded(uri: string, maxBytes: number): Promise<string | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  let handle;
  try {
    handle = await open(fileURLToPath(uri), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
