// The language a text is analysed in — the `samsara.language` setting, front matter, detection —
// and the words for a language whose model is not installed. One rule for open documents,
// workspace files, probes and campaign passages, so a text is read by the same pipeline wherever
// it is analysed.
import { DEFAULT_LANGUAGE, documentLanguage, type DocumentLanguage } from '../text/documentLanguage';
import { CATALOGUE, languageName } from './catalogue';

const CATALOGUED = new Set(CATALOGUE.pipelines.map((row) => row.language));

/** Whether spaCy publishes a pipeline for this language (the catalogue has a row for it). */
export function isCatalogued(code: string): boolean {
  return CATALOGUED.has(code);
}

/**
 * The language a text is analysed in, and a note when detection found a language spaCy has no
 * pipeline for: such a text is analysed as English rather than not at all.
 */
export async function analysisLanguage(
  text: string,
  languageId: string,
  setting: string,
): Promise<{ language: DocumentLanguage; note?: string }> {
  const language = await documentLanguage(text, languageId, setting);
  if (language.reason === 'detected' && !CATALOGUED.has(language.code)) {
    const note = `Detected ${languageName(language.code)}, which spaCy has no language model for; analysed as English.`;
    return { language: { code: DEFAULT_LANGUAGE, reason: 'default' }, note };
  }
  return { language };
}

/** What an analysis in a language with no installed pipeline says, instead of reading the text as English. */
export function missingModelMessage(code: string, remedy = 'Samsara: Manage Language Pipelines…'): string {
  return `no ${languageName(code)} language model is installed (${remedy})`;
}
