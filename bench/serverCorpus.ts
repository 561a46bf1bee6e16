// A deterministic English markdown corpus for the server bench: headings, lists and paragraphs
// of news-like sentences with people, places, organisations, dates and amounts, mixed with
// sentences without entities (about one entity per 8-10 words, news-text density). The same seed
// gives the same text.
const PEOPLE = [
  'Angela Merkel',
  'Barack Obama',
  'Emmanuel Macron',
  'Jacinda Ardern',
  'Satya Nadella',
  'Marie Curie',
  'Ada Lovelace',
  'Nelson Mandela',
  'Serena Williams',
  'Lionel Messi',
  'Greta Thunberg',
  'Elon Musk',
  'Frida Kahlo',
  'Haruki Murakami',
  'Kofi Annan',
];
const PLACES = [
  'Paris',
  'Berlin',
  'Tokyo',
  'Nairobi',
  'Buenos Aires',
  'Toronto',
  'Mumbai',
  'Sydney',
  'Lagos',
  'Madrid',
  'Chicago',
  'Seoul',
  'Cairo',
  'Lisbon',
  'Oslo',
];
const ORGS = [
  'Google',
  'the United Nations',
  'Microsoft',
  'the World Bank',
  'Toyota',
  'Siemens',
  'the European Commission',
  'Amazon',
  'Nestle',
  'the Red Cross',
  'Samsung',
  'IBM',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FILLER = [
  'The committee discussed the proposal at length and agreed to revisit it later.',
  'Most of the participants found the new schedule easier to follow.',
  'It was not clear whether the plan would survive another round of review.',
  'Several questions about the budget remained open after the meeting.',
  'The draft was shared with the team for comments before the final version.',
  'Nobody expected the discussion to take so long, but the outcome was worth it.',
  'The results of the survey will be published once the data has been checked twice.',
  'A small group of volunteers stayed behind to clean up the hall after the event.',
  'Prices went up slightly, although demand stayed roughly where it had been before.',
  'The new version of the tool is faster, but some users still prefer the old one.',
  'After a long debate, the board decided to postpone the vote until the next session.',
  'Many readers wrote in to say that the article had changed the way they work.',
];

/** A lowercase letter tag: unique like a number, but not an entity (numbers are CARDINALs). */
function tag(n: number): string {
  let out = '';
  do {
    out += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

export function makeCorpus(seed: number, targetChars: number): string {
  let state = seed * 2654435761;
  const rand = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const pick = <T>(list: readonly T[]): T => list[rand(list.length)];
  const date = (): string => `${pick(MONTHS)} ${1 + rand(28)}, ${1990 + rand(35)}`;
  const sentence = (): string => {
    switch (rand(12)) {
      case 0:
        return `${pick(PEOPLE)} met ${pick(PEOPLE)} in ${pick(PLACES)} on ${date()}.`;
      case 1:
        return `${pick(ORGS)} paid $${1 + rand(90)}.${rand(10)} million for a startup based in ${pick(PLACES)}.`;
      case 2:
        return `According to ${pick(PEOPLE)}, about ${1000 + rand(90000)} people visited ${pick(PLACES)} last year.`;
      case 3:
        return `In ${pick(MONTHS)} ${1990 + rand(35)}, ${pick(ORGS)} opened a new office in ${pick(PLACES)}.`;
      default:
        return pick(FILLER);
    }
  };
  const parts: string[] = [];
  let length = 0;
  let chapter = 0;
  while (length < targetChars) {
    let block: string;
    const kind = rand(12);
    if (kind === 0) block = `# Chapter ${seed}.${++chapter}: ${pick(PLACES)}`;
    else if (kind === 1)
      block = [`Items (ref ${tag(seed * 100_000 + parts.length)}):`, ...Array.from({ length: 3 }, () => `- ${sentence()}`)].join('\n');
    // Every paragraph is unique (its number), so no document gets help from the cache.
    else block = `${Array.from({ length: 3 + rand(4) }, sentence).join(' ')} (ref ${tag(seed * 100_000 + parts.length)})`;
    parts.push(block);
    length += block.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}
