// The language of each campaign passage, resolved as the editor resolves a document's: the
// passage's own `language`, else the campaign's, else the front door's setting (the CLI's
// --language, the editor's samsara.language for the campaign file), else a Markdown file's front
// matter, else detection, else English. Each job then finds names with that language's
// pipeline: a French passage read by the English one loses half its names and fails "no name
// outside the source" for the wrong reason.
import { analysisLanguage } from '../pipelines/analysisLanguage';
import type { Analyze } from '../probes/probePreparation';
import { languageFiles } from '../workspace/languageFiles';

/**
 * The analysis in a language (the selection's and every answer's entities), given by each front
 * door: its pool or sidecar for that language, or an analysis that fails saying which language
 * model is missing. Undefined: no entities at all (fidelity off).
 */
export type AnalyzeIn = (language: string) => Promise<Analyze | undefined>;

const MARKDOWN = languageFiles(['markdown']);

/** The language id front matter is read by: Markdown files only, as in the editor. */
export function passageLanguageId(file: string | undefined): string {
  return file !== undefined && MARKDOWN.languageOf(file) ? 'markdown' : 'plaintext';
}

/** The language code a passage is read in, under `setting` (auto or a code). */
export async function passageLanguage(passage: { text: string; file?: string }, setting: string): Promise<string> {
  return (await analysisLanguage(passage.text, passageLanguageId(passage.file), setting)).language.code;
}
