// A campaign file as the editor's requests name it: a file: URI only (the server reads nothing
// else), loaded with the workspace folder that holds it (where its passages are read); and request
// params checked by their zod schema, a bad one an InvalidParams error naming the field. Shared by
// the run requests (campaignEditor.ts) and the stored-results requests (storeRequests.ts).
import { dirname, isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { z } from 'zod';
import { InvalidArgumentsError } from '../probes/errors';
import { workspaceFolderUris } from '../probes/probeEnvironment';
import { loadCampaign, type LoadedCampaign } from './campaignLoader';

/** The campaign file a request names: a file: URI only (the server reads nothing else). */
function campaignPath(uri: string): string {
  if (!uri.startsWith('file:')) throw new InvalidArgumentsError(`samsara/runCampaign: ${uri} is not a file`);
  return fileURLToPath(uri);
}

/** The workspace folder holding the file (a campaign outside .samsara/campaigns/ reads passages there), else its own folder. */
async function folderOf(connection: Connection, path: string): Promise<string> {
  for (const folder of await workspaceFolderUris(connection)) {
    if (!folder.startsWith('file:')) continue;
    const rel = relative(fileURLToPath(folder), path);
    if (!rel.startsWith('..') && !isAbsolute(rel)) return fileURLToPath(folder);
  }
  return dirname(path);
}

/** A campaign file of the editor, read with its workspace folder (where its passages are); `language`: samsara.language for it. */
export async function load(
  connection: Connection,
  uri: string,
  language?: string,
): Promise<{ loaded: LoadedCampaign; cwd: string; path: string }> {
  const path = campaignPath(uri);
  const cwd = await folderOf(connection, path);
  return { loaded: await loadCampaign(path, cwd, language), cwd, path };
}

/** Request params checked by their schema; a bad one is an InvalidParams error naming the field. */
export function parse<S extends z.ZodTypeAny>(schema: S, raw: unknown, method: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentsError(`${method}: ${issue?.path.join('.') || 'params'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
