// Probes in the selection's language: the names of the selection and of each answer (entity
// fidelity, {{entities}}, pseudonymisation) are found by the pipeline of the document's language
// (samsara.language, front matter, detection), as the editor highlights them. A French chapter
// probed through the English pipeline would lose half its names and mask the wrong words. When
// no pipeline speaks the language, the analysis fails with a message that says which is missing
// (the probe then runs without fidelity, or refuses to pseudonymise, as for a stopped sidecar).
// Campaigns run from the editor take the analysis of each passage's language from here too.
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntitySpan } from '../probes/pseudonymizer';
import type { SettingsStore } from '../settings/settingsStore';
import type { Analyze } from '../probes/probePreparation';
import { throughBible, type StoryBible } from '../entities/storyBible';
import { analysisLanguage, missingModelMessage } from '../pipelines/analysisLanguage';

export interface ProbeLanguageDeps {
  /** The open document at `uri` (its whole text decides front matter and detection). */
  document(uri: string): { text: string; languageId: string } | undefined;
  /** `samsara.language` for the document (resource scope), or the global one without a document. */
  languageSetting(uri: string | undefined): Promise<string>;
  /** A started pool for `language`, or undefined when no installed pipeline speaks it. */
  poolFor(language: string): { analyze(texts: string[]): Promise<EntitySpan[][]> } | undefined;
  bible(): StoryBible;
}

/** The language server's: its open documents, samsara.language (with an open document's editor-language override), its pools. */
export function documentProbeLanguages(deps: {
  documents: TextDocuments<TextDocument>;
  settings(): SettingsStore;
  poolFor: ProbeLanguageDeps['poolFor'];
  bible(): StoryBible;
}): ProbeLanguageDeps {
  return {
    document: (at) => {
      const document = deps.documents.get(at);
      return document ? { text: document.getText(), languageId: document.languageId } : undefined;
    },
    languageSetting: async (at) => {
      const document = at ? deps.documents.get(at) : undefined;
      if (at && document) return deps.settings().languageFor(at, document.languageId);
      return (at ? await deps.settings().forDocument(at) : await deps.settings().global()).language;
    },
    poolFor: deps.poolFor,
    bible: deps.bible,
  };
}

/** The analysis a probe of `selection` (from the document at `uri`, if any) uses, and its language. */
export async function probeAnalyzer(
  deps: ProbeLanguageDeps,
  uri: string | undefined,
  selection: string,
): Promise<{ language: string; analyze: Analyze }> {
  const document = uri ? deps.document(uri) : undefined;
  const { language } = await analysisLanguage(
    document?.text ?? selection,
    document?.languageId ?? 'plaintext',
    await deps.languageSetting(uri),
  );
  return { language: language.code, analyze: analyzerIn(deps, language.code) };
}

/** The analysis in `code` (through the story bible), or one that fails saying which language model is missing. */
export function analyzerIn(deps: Pick<ProbeLanguageDeps, 'poolFor' | 'bible'>, code: string): Analyze {
  return async (texts) => {
    const pool = deps.poolFor(code);
    if (!pool) throw new Error(missingModelMessage(code));
    return throughBible(await pool.analyze(texts), deps.bible());
  };
}
