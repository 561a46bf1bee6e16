// The scan's rules per workspace folder, from the settings of that folder: the configured
// languages, samsara.workspace.include/exclude and maxFileSize, the editor's files.exclude and
// search.exclude, and the probe transcript folder (samsara.probes.transcriptFolder), whose
// Markdown renderings of probes are not the user's prose; and the folder's samsara.language
// (folderLanguage.ts).
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lookup, type SamsaraSettings } from '../settings/settings';
import { enabledGlobs } from './fileRules';
import { folderLanguage } from './folderLanguage';
import { languageFiles } from './languageFiles';
import type { ScanTarget } from './workspaceScanner';

export const DEFAULT_TRANSCRIPT_FOLDER = '.samsara/probes';

/** Where a folder's settings come from (workspace/configuration, scoped to the folder). */
export interface FolderSettingsSource {
  samsara(folderUri: string): Promise<SamsaraSettings>;
  /** Any other section (`files.exclude`); undefined when the client cannot say. */
  section(folderUri: string, section: string): Promise<unknown>;
}

/** The transcript folder relative to `folder` (`/`-separated), or undefined when it lies outside. */
export function transcriptFolderIn(folder: string, setting: unknown): string | undefined {
  const value = typeof setting === 'string' && setting.trim() !== '' ? setting.trim() : DEFAULT_TRANSCRIPT_FOLDER;
  const inside = isAbsolute(value) ? relative(folder, value) : value;
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside
    .split(sep)
    .join('/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
}

export async function scanTargets(folderUris: readonly string[], source: FolderSettingsSource): Promise<ScanTarget[]> {
  const targets: ScanTarget[] = [];
  for (const uri of folderUris) {
    if (!uri.startsWith('file:')) continue;
    const folder = fileURLToPath(uri);
    const [settings, filesExclude, searchExclude, probes] = await Promise.all([
      source.samsara(uri),
      source.section(uri, 'files.exclude'),
      source.section(uri, 'search.exclude'),
      source.section(uri, 'samsara.probes'),
    ]);
    const transcripts = transcriptFolderIn(folder, lookup(probes, 'transcriptFolder'));
    targets.push({
      folder,
      language: await folderLanguage(uri, settings, source),
      rules: {
        languages: languageFiles(settings.languages),
        include: settings['workspace.include'],
        exclude: [...settings['workspace.exclude'], ...enabledGlobs(filesExclude), ...enabledGlobs(searchExclude)],
        excludedFolders: [...new Set([DEFAULT_TRANSCRIPT_FOLDER, ...(transcripts ? [transcripts] : [])])],
        maxFileBytes: settings['workspace.maxFileSize'],
        gitignore: true,
      },
    });
  }
  return targets;
}
