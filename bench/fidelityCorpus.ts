// Held-out real prose for the fidelity bench (bench/fidelityBench.ts), never used to tune the
// windows or their context (that was done on fortune-mod's `people` file, left out here):
// - fortune-mod's quotes (Debian `fortunes`, `fortunes-min`): short paragraphs between `%` lines,
//   many ending in an attribution line ("\t\t-- Mark Twain");
// - the Jargon File (Debian `jargon-text`, public domain): glossary entries of a few paragraphs.
// scripts/bench.sh and bench/sidecar.sh install the packages; without them the bench fails
// naming them.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { jargonProse } from '../test/helpers/corpus';

export const FORTUNES_DIR = '/usr/share/games/fortunes';
/** UTF-8 fortune files, in this order, until the corpus is long enough (`people` is for tuning). */
const FORTUNE_FILES = ['fortunes', 'wisdom', 'literature', 'humorists', 'education', 'work', 'politics', 'science', 'law', 'medicine'];

export interface FidelityCorpus {
  name: string;
  text: string;
}

/** About `chars` characters of fortune-mod quotes, whole files then a cut at a `%` line. */
export function fortunesText(chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (const name of FORTUNE_FILES) {
    const file = path.join(FORTUNES_DIR, `${name}.u8`);
    if (!existsSync(file)) throw new Error(`${file} is missing: install Debian's fortunes and fortunes-min (scripts/bench.sh does)`);
    const text = readFileSync(file, 'utf8');
    parts.push(text);
    length += text.length;
    if (length >= chars) break;
  }
  const all = parts.join('%\n');
  const cut = all.indexOf('\n%\n', chars);
  return cut === -1 ? all : all.slice(0, cut + 3);
}

export function fidelityCorpora(chars: number): FidelityCorpus[] {
  return [
    { name: 'fortune-mod quotes (fortunes, wisdom, literature, ...)', text: fortunesText(chars) },
    { name: 'the Jargon File (glossary, from 900 K in)', text: jargonProse(chars, 900_000) },
  ];
}
