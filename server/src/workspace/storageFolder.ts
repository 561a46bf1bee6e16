// Where the workspace index is kept between sessions. The editor passes its storage folder for
// this workspace (ExtensionContext.storageUri) in initializationOptions; any other LSP client gets
// a folder under the OS cache directory, one per set of workspace folders; without either (no
// home directory), nothing is kept and each session scans again.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { STORE_FILE_NAME } from './indexStore';

const initOptionsSchema = z.object({ workspaceStorageFolder: z.string().min(1).optional() }).passthrough();

/** The per-user cache directory of this OS (XDG on Linux), or undefined without a home. */
export function osCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'samsara', 'Cache') : undefined;
  if (platform === 'darwin') return home ? join(home, 'Library', 'Caches', 'samsara') : undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'samsara');
  return home ? join(home, '.cache', 'samsara') : undefined;
}

/**
 * The store file of the workspace whose folders are `folderUris`, or undefined when there is
 * nowhere to keep it (or no folder to scan). Malformed initializationOptions count as absent.
 */
export function storeFile(
  initializationOptions: unknown,
  folderUris: readonly string[],
  cacheDirOf: () => string | undefined = osCacheDir,
): string | undefined {
  if (folderUris.length === 0) return undefined;
  const parsed = initOptionsSchema.safeParse(initializationOptions ?? {});
  if (parsed.success && parsed.data.workspaceStorageFolder) return join(parsed.data.workspaceStorageFolder, STORE_FILE_NAME);
  const cacheDir = cacheDirOf();
  if (!cacheDir) return undefined;
  const id = createHash('sha256')
    .update([...folderUris].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  return join(cacheDir, 'workspaces', id, STORE_FILE_NAME);
}
