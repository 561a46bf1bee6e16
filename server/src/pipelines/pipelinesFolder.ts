// Where installed pipelines live. The editor passes `<global storage>/pipelines` in
// initializationOptions (`pipelinesFolder`); the CLI and other LSP clients use
// $SAMSARA_PIPELINES_DIR, else the VS Code extension's global storage when it exists (so a
// pipeline fetched in the editor serves the CLI too), else a folder under the OS cache directory.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { osCacheDir } from '../workspace/storageFolder';

/** The extension's id: its global storage folder is named after it. */
export const EXTENSION_ID = 'samsara-dev.samsara';

const initOptionsSchema = z.object({ pipelinesFolder: z.string().min(1).optional() }).passthrough();

/** Global storage folders of the editors that may have installed the extension, most likely first. */
export function editorPipelineFolders(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  let home: string;
  try {
    home = homedir();
  } catch {
    return [];
  }
  const userDirs =
    platform === 'win32'
      ? ['Code', 'Code - Insiders', 'VSCodium'].map((name) => join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name, 'User'))
      : platform === 'darwin'
        ? ['Code', 'Code - Insiders', 'VSCodium'].map((name) => join(home, 'Library', 'Application Support', name, 'User'))
        : [
            ...['Code', 'Code - Insiders', 'VSCodium'].map((name) => join(env.XDG_CONFIG_HOME ?? join(home, '.config'), name, 'User')),
            join(home, '.local', 'share', 'code-server', 'User'),
          ];
  return userDirs.map((dir) => join(dir, 'globalStorage', EXTENSION_ID, 'pipelines'));
}

export function pipelinesFolder(initializationOptions: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const parsed = initOptionsSchema.safeParse(initializationOptions ?? {});
  if (parsed.success && parsed.data.pipelinesFolder) return parsed.data.pipelinesFolder;
  if (env.SAMSARA_PIPELINES_DIR) return env.SAMSARA_PIPELINES_DIR;
  const editor = editorPipelineFolders(env).find((dir) => existsSync(dir));
  if (editor) return editor;
  return join(osCacheDir(env) ?? join(homedir(), '.cache', 'samsara'), 'pipelines');
}
