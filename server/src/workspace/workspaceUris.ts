// How the workspace index spells and names files: one URI per file whatever the editor's
// percent-encoding, and a path relative to its workspace folder for exports.
import { basename, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One spelling per file (editors percent-encode differently): how the index keys files. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** A file's name in exports: relative to its workspace folder, prefixed by the folder's name when there are several. */
export function exportName(folderUris: readonly string[], uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const path = fileURLToPath(uri);
  for (const folderUri of folderUris) {
    const folder = fileURLToPath(folderUri);
    const inside = relative(folder, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) continue;
    const name = inside.split(sep).join('/');
    return folderUris.length > 1 ? `${basename(folder)}/${name}` : name;
  }
  return path;
}
