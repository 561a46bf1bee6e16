// samsara.language where a workspace file lives: the folder's value and its editor-language
// overrides (`"[markdown]": { "samsara.language": "fr" }`), read once per folder per scan, so
// files that are not open are read in the language an open one would be (a folder of French
// chapters set to `fr` is not detected file by file, nor read in the window's language).
import { languageOverride, overrideSection } from '../settings/languageOverride';
import type { SamsaraSettings } from '../settings/settings';
import { canonicalLanguageId } from '../text/languages';

/** samsara.language in a folder: its value there, and the values its editor-language overrides (`[markdown]`) give. */
export interface FolderLanguage {
  setting: string;
  overrides: Readonly<Record<string, string>>;
}

/** The setting a file of `languageId` in this folder follows: the editor language's override, else the folder's value. */
export function folderLanguageSetting(folder: FolderLanguage, languageId: string): string {
  return folder.overrides[canonicalLanguageId(languageId)] ?? folder.setting;
}

/** The folder's samsara.language and its overrides: an `[id]` section per configured language (languageOverride.ts). */
export async function folderLanguage(
  uri: string,
  settings: SamsaraSettings,
  /** A section of the folder's settings (scanTargets' source); undefined when the client cannot say. */
  source: { section(folderUri: string, section: string): Promise<unknown> },
): Promise<FolderLanguage> {
  const ids = [...new Set(settings.languages.map(canonicalLanguageId))];
  const blocks = await Promise.all(ids.map((id) => source.section(uri, overrideSection(id))));
  const overrides: Record<string, string> = {};
  blocks.forEach((block, i) => {
    const value = languageOverride(block);
    const id = ids[i];
    if (id && value) overrides[id] = value;
  });
  return { setting: settings.language, overrides };
}
