// Language detection on held-out prose: Debian's fortunes (German, Spanish, Italian, Polish,
// Russian, Brazilian Portuguese, Czech; English from fortunes' literature) and the French
// Debian Reference. The detector's margin and name-blanking were tuned on the first 300 short
// and 300 long entries of each fortunes set; this bench reports on the next 300 of each, which
// tuning never saw (French was not used in tuning at all). Prints the share of paragraphs
// whose language the product picks (server/src/text/documentLanguage), short (<= 100 chars) and
// long (>= 250 chars), and what the raw detector says without the product's rules (a set with
// fewer than 600 entries of a length has nothing held out: "-"). Czech has no spaCy pipeline:
// detection names it, and routing then analyses it as English (languagePipelines.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage, DEFAULT_LANGUAGE } from '../server/src/text/documentLanguage';

const F = '/usr/share/games/fortunes';
const SETS: Record<string, string> = {
  de: `${F}/de`,
  es: `${F}/es`,
  it: `${F}/it`,
  pl: `${F}/pl`,
  ru: `${F}/ru`,
  pt: `${F}/brasil`,
  cs: `${F}/cs`,
  en: `${F}/literature`,
};
const FRENCH_HTML = '/usr/share/debian-reference';
// English held out: fortunes' other English files (tuning used `literature` only).
const ENGLISH = ['wisdom', 'people', 'politics', 'science', 'work', 'love', 'education', 'food', 'law', 'humorists'].map(
  (name) => `${F}/${name}`,
);

function fortunes(path: string): string[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => !/\.(dat|u8)$/.test(name))
        .map((name) => join(path, name))
        .filter((file) => statSync(file).isFile())
    : [path];
  const out: string[] = [];
  for (const file of files) {
    for (const entry of readFileSync(file, 'utf8').split(/^%$/m)) {
      const text = entry.replace(/\s+/g, ' ').replace(/--.*$/, '').trim();
      if (text.length >= 20 && /\p{L}{3}/u.test(text)) out.push(text);
    }
  }
  return out;
}

function frenchParagraphs(): string[] {
  if (!existsSync(FRENCH_HTML)) return [];
  const out: string[] = [];
  for (const name of readdirSync(FRENCH_HTML).filter((file) => file.endsWith('.fr.html'))) {
    const html = readFileSync(join(FRENCH_HTML, name), 'utf8');
    for (const match of html.matchAll(/<p>([\s\S]*?)<\/p>/g)) {
      const text = (match[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/&[a-z]+;/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (text.length >= 20) out.push(text);
    }
  }
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(F)) {
    console.log(
      `languageDetection: ${F} missing: apt-get install fortunes-de fortunes-es fortunes-it fortunes-pl fortunes-ru fortunes-br fortunes-cs`,
    );
    return;
  }
  const { eld } = await import('eld/extrasmall');
  console.log('language detection on held-out paragraphs (product rule / raw eld), short <= 100 chars, long >= 250 chars');
  const sets: [string, string[], string[]][] = Object.entries(SETS).map(([code, path]) => {
    const all = fortunes(path);
    return [code, all.filter((t) => t.length <= 100).slice(300, 600), all.filter((t) => t.length >= 250).slice(300, 600)];
  });
  const english = ENGLISH.filter((path) => existsSync(path)).flatMap(fortunes);
  sets.push([
    'en (other files)',
    english.filter((t) => t.length <= 100).slice(0, 300),
    english.filter((t) => t.length >= 250).slice(0, 300),
  ]);
  const french = frenchParagraphs();
  if (french.length > 0)
    sets.push([
      'fr (Debian Ref.)',
      french.filter((t) => t.length <= 100).slice(0, 300),
      french.filter((t) => t.length >= 250).slice(0, 300),
    ]);
  for (const [code, short, long] of sets) {
    if (short.length === 0 && long.length === 0) continue;
    const cells: string[] = [];
    for (const texts of [short, long]) {
      if (texts.length === 0) {
        cells.push('       -        ');
        continue;
      }
      let product = 0;
      let raw = 0;
      for (const text of texts) {
        const picked = (await detectLanguage(text))?.code ?? DEFAULT_LANGUAGE;
        const want = code.slice(0, 2);
        if (picked === want) product += 1;
        if (eld.detect(text).language === want) raw += 1;
      }
      const pct = (n: number) => `${Math.round((100 * n) / texts.length)}%`.padStart(4);
      cells.push(`${pct(product)} / ${pct(raw)} (n=${texts.length})`);
    }
    console.log(`  ${code.padEnd(16)}  short ${cells[0]}   long ${cells[1]}`);
  }
}

void main();
