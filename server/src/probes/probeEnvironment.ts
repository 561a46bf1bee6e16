// What the probe engine needs from its host besides settings: the first workspace folder (for
// scenario files and the transcript folder) and where transcripts go without a workspace. The
// editor passes its global storage in initializationOptions; any other LSP client gets
// ~/.samsara/probes.
import { homedir } from 'node:os';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { z } from 'zod';
import type { ProbeSettings } from './probeSettings';
import { resolveTranscriptFolder, TranscriptStore } from './transcriptStore';

const initOptionsSchema = z.object({ transcriptFallbackFolder: z.string().min(1).optional() }).passthrough();

let fallbackFolder = join(homedir(), '.samsara', 'probes');

/** Reads the probe part of `initialize`'s initializationOptions; anything malformed is ignored. */
export function configureProbeEnvironment(initializationOptions: unknown): void {
  const parsed = initOptionsSchema.safeParse(initializationOptions ?? {});
  if (parsed.success && parsed.data.transcriptFallbackFolder) fallbackFolder = parsed.data.transcriptFallbackFolder;
}

export async function workspaceFolderUris(connection: Connection): Promise<string[]> {
  return ((await connection.workspace.getWorkspaceFolders().catch(() => null)) ?? []).map((f) => f.uri);
}

/** File-system path of the first file: workspace folder. */
export async function workspacePath(connection: Connection): Promise<string | undefined> {
  const first = (await workspaceFolderUris(connection)).find((uri) => uri.startsWith('file:'));
  return first ? fileURLToPath(first) : undefined;
}

/** A document's name as {{file}} shows it: relative to the workspace folder holding it, else its base name. */
export async function fileLabel(connection: Connection, uri: string): Promise<string> {
  let path: string;
  try {
    path = uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
  for (const folder of await workspaceFolderUris(connection)) {
    if (!folder.startsWith('file:')) continue;
    const rel = relative(fileURLToPath(folder), path);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return basename(path);
}

export async function transcriptStore(connection: Connection, settings: Pick<ProbeSettings, 'transcriptFolder'>): Promise<TranscriptStore> {
  const folder = await resolveTranscriptFolder({
    setting: settings.transcriptFolder,
    workspace: await workspacePath(connection),
    fallback: fallbackFolder,
  });
  return new TranscriptStore(folder);
}
