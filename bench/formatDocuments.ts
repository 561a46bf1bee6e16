// Documents the benches grow to a size: a realistic Markdown document of names, links, code,
// tables and math (deterministic), and a LaTeX, reStructuredText or Typst fixture's body repeated
// with its numbers and small words varied, so that no two pieces are equal (each new to a cache).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProseSyntax } from '../server/src/text/extraction';

const PEOPLE = [
  'Angela Merkel',
  'Barack Obama',
  'Ada Lovelace',
  'Kofi Annan',
  'Marie Curie',
  'Nelson Mandela',
  'Satya Nadella',
  'Frida Kahlo',
];
const PLACES = ['Paris', 'Berlin', 'Nairobi', 'Tokyo', 'Lisbon', 'Toronto', 'Seoul', 'Cairo'];
const ORGS = ['Google', 'the United Nations', 'Microsoft', 'Toyota', 'UNESCO', 'Siemens'];

/** A deterministic realistic Markdown document of about `target` characters. */
export function markdownDocument(seed: number, target: number): string {
  let state = seed;
  const rand = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const pick = <T>(list: readonly T[]): T => list[rand(list.length)];
  const sentence = (): string => {
    switch (rand(6)) {
      case 0:
        return `**${pick(PEOPLE)}** met ${pick(PEOPLE)} in [${pick(PLACES)}](https://example.org/${rand(999)} "Visit") on ${1 + rand(28)} May ${1990 + rand(35)}.`;
      case 1:
        return `${pick(ORGS)} paid $${1 + rand(90)} million for a startup in ${pick(PLACES)}, see https://news.example.com/a/${rand(99999)}.`;
      case 2:
        return `Call \`client.fetch(${rand(100)})\` before *${pick(PEOPLE)}* reviews the change with ${pick(ORGS)}.`;
      case 3:
        return `The ratio $x_${rand(9)}^2$ grew in ${pick(PLACES)} after ${pick(ORGS)} opened an office there.`;
      default:
        return `According to ${pick(PEOPLE)}, about ${1000 + rand(9000)} people visited ${pick(PLACES)} last year.`;
    }
  };
  const paragraph = (): string => Array.from({ length: 2 + rand(4) }, sentence).join(rand(3) === 0 ? '\n' : ' ');
  const parts = ['---\ntitle: Field notes\nauthors: [Ada Lovelace, Kofi Annan]\n---'];
  let length = parts[0].length;
  while (length < target) {
    let block: string;
    const kind = rand(14);
    if (kind === 0) block = `## ${pick(PEOPLE)} in ${pick(PLACES)}`;
    else if (kind === 1) block = Array.from({ length: 3 + rand(3) }, () => `- ${sentence()}`).join('\n');
    else if (kind === 2)
      block = `\`\`\`ts\nconst host = "${pick(PEOPLE)}";\n\nfunction visit(city: string) {\n  return fetch(\`https://example.org/\${city}\`);\n}\n\`\`\``;
    else if (kind === 3)
      block = [
        '| Name | City | Since |',
        '| --- | --- | ---: |',
        ...Array.from({ length: 4 }, () => `| ${pick(PEOPLE)} | ${pick(PLACES)} | ${1990 + rand(35)} |`),
      ].join('\n');
    else if (kind === 4) block = `> ${sentence()}\n> ${sentence()}`;
    else if (kind === 5) block = `$$\nE = mc^${rand(4)}\n$$`;
    else if (kind === 6) block = `<!-- reviewed by ${pick(PEOPLE)} -->`;
    else block = paragraph();
    parts.push(block);
    length += block.length + 2;
  }
  return parts.join('\n\n');
}

/** A ~`target`-character document of `syntax`: the fixture's body repeated, varied so that no two pieces are equal. */
export function formatDocument(syntax: ProseSyntax, file: string, target: number): string {
  const fixture = readFileSync(join(__dirname, '../test/fixtures/formats', file), 'utf8');
  const body = syntax === 'latex' ? fixture.slice(fixture.indexOf('\\maketitle'), fixture.indexOf('\\end{document}')) : fixture;
  const parts: string[] = [];
  let length = 0;
  for (let copy = 0; length < target; copy++) {
    // Numbers everywhere; small words only on prose lines (a letter in column 0), since in code
    // (Typst's `if y > 0 and calc…`) a changed keyword is a syntax error no real document has.
    const part = body
      .replace(/\d+/g, (number) => `${number}${copy}`)
      .replace(/^[A-Za-z].*$/gm, (line) => line.replace(/\b(?:the|in|at|of|and)\b/g, (word) => `${word}${copy}`));
    parts.push(part);
    length += part.length + 2;
  }
  const text = parts.join('\n\n');
  return syntax === 'latex' ? `${fixture.slice(0, fixture.indexOf('\\maketitle'))}${text}\\end{document}\n` : text;
}

/** The start of the first prose line (a capital letter in column 0) after `at`. */
export function proseLineAfter(text: string, at: number): number {
  const line = /\n(?=[A-Z][a-z])/g;
  line.lastIndex = at;
  const found = line.exec(text);
  return found ? found.index + 1 : at;
}

/** The document with a word put at the start of the first prose line after `at`. */
export function proseEditAt(text: string, at: number, run: number): string {
  const lineStart = proseLineAfter(text, at);
  return `${text.slice(0, lineStart)}Edit ${run} ${text.slice(lineStart)}`;
}
