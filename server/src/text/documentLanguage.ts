// The language a document is written in, and why: the `samsara.language` setting (per resource
// or per editor language) when it names one; else Markdown front matter (`lang:` or
// `language:`); else detection from the prose by eld's extra-small model (chosen over franc-min
// and tinyld by accuracy on short held-out paragraphs; bench/languageDetection.ts prints the
// figures); else English. Detection reads at most the first few thousand characters, without
// capitalised words inside sentences and digits: names ("Angela Merkel met Emmanuel Macron")
// say little about the language around them and pulled short English paragraphs to German.
// Leaving English takes a margin: another language must score 0.1 above English, since a
// wrong switch costs the writer every highlight while a missed one costs the old behaviour.
// (Both choices were tuned on the first 300 fortunes of each set; bench/languageDetection.ts
// reports on the next 300, kept out of tuning.)
import { frontMatterLength } from './frontMatter';

export type LanguageReason = 'setting' | 'frontMatter' | 'detected' | 'default';

export interface DocumentLanguage {
  /** ISO 639-1 code as spaCy names its languages (nb for Norwegian Bokmål). */
  code: string;
  reason: LanguageReason;
  /** 0..1, for `detected` only: eld's score of the winning language. */
  confidence?: number;
}

export const DEFAULT_LANGUAGE = 'en';
const DETECTION_SAMPLE = 4000;
/** Below this many letters, detection is a guess: the default applies. */
const MIN_LETTERS = 20;
/** How far above English another language must score to be chosen. */
export const SWITCH_MARGIN = 0.1;
const NAMES_AND_DIGITS = /(?<![.!?:]\s|^)\b\p{Lu}[\p{L}\p{M}]*|[0-9]+/gu;

/** The text detection reads: names (capitalised words inside sentences) and digits blanked. */
export function detectionSample(prose: string): string {
  return prose.slice(0, DETECTION_SAMPLE).replace(NAMES_AND_DIGITS, ' ');
}

/** eld's code -> spaCy's (eld says `no` for Norwegian). */
const SPACY_CODES: Readonly<Record<string, string>> = { no: 'nb' };

/** `lang:`/`language:` in YAML or TOML front matter, as a lowercase primary code (fr-FR -> fr). */
export function frontMatterLanguage(text: string, languageId: string): string | undefined {
  if (languageId !== 'markdown') return undefined;
  const length = frontMatterLength(text);
  if (length === 0) return undefined;
  const match = /^[ \t]*(?:lang|language)[ \t]*[:=][ \t]*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?["']?[ \t]*$/m.exec(
    text.slice(0, length),
  );
  return match?.[1]?.toLowerCase();
}

type Detect = (text: string) => { language: string; getScores(): Record<string, number>; isReliable(): boolean };
let detector: Promise<Detect> | undefined;

/** eld loads its n-grams (~1 MB, their own bundle dist/eld.js) on first use only. */
function loadDetector(): Promise<Detect> {
  detector ??= import('eld/extrasmall').then(
    ({ eld }) =>
      (text: string) =>
        eld.detect(text),
  );
  return detector;
}

/** The language of `prose`, or undefined when the text is too short or the guess unreliable. */
export async function detectLanguage(prose: string): Promise<{ code: string; confidence: number } | undefined> {
  const sample = detectionSample(prose);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return undefined;
  const result = (await loadDetector())(sample);
  if (!result.language || !result.isReliable()) return undefined;
  const scores = result.getScores();
  const confidence = scores[result.language] ?? 0;
  if (result.language !== DEFAULT_LANGUAGE && confidence - (scores[DEFAULT_LANGUAGE] ?? 0) < SWITCH_MARGIN) return undefined;
  return { code: SPACY_CODES[result.language] ?? result.language, confidence: Math.round(confidence * 100) / 100 };
}

/** Resolves the document's language: setting, then front matter, then detection, then English. */
export async function documentLanguage(text: string, languageId: string, setting: string): Promise<DocumentLanguage> {
  const configured = setting.trim().toLowerCase();
  if (configured && configured !== 'auto') return { code: configured, reason: 'setting' };
  const declared = frontMatterLanguage(text, languageId);
  if (declared) return { code: declared, reason: 'frontMatter' };
  const body = text.slice(frontMatterLength(text));
  const detected = await detectLanguage(body);
  if (detected) return { code: detected.code, reason: 'detected', confidence: detected.confidence };
  return { code: DEFAULT_LANGUAGE, reason: 'default' };
}
