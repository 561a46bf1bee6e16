// Names become dictionary words. Spell checkers check word by word (cSpell's maintainers: the
// checker "does not work on word pairs"; Harper's dictionaries are word lists; LanguageTool, under
// LTeX+, flags single tokens), so a name is split into its words: "Ada Lovelace" gives "Ada" and
// "Lovelace", "Jean-Luc" gives "Jean" and "Luc", a possessive 's is dropped. Words without a
// capital letter ("of", "the", "de" in "Bank of England") are left out: they are not the name's
// own spelling. Pure functions, so the rule is tested without an editor.

/** The words of `names` to put in a dictionary, in order of first appearance, each once. */
export function wordsOfNames(names: readonly string[]): string[] {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    for (const raw of name.split(/[^\p{L}\p{N}'’]+/u)) {
      const word = raw.replace(/['’]s$/u, '').replace(/^['’]+|['’]+$/gu, '');
      if (word.length < 2 || !/\p{Lu}/u.test(word) || !/\p{L}/u.test(word) || seen.has(word)) continue;
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** The words a dictionary does not hold yet (compared ignoring case where the tool does). */
export function newWords(existing: readonly string[], words: readonly string[], caseInsensitive: boolean): string[] {
  const fold = (word: string): string => (caseInsensitive ? word.toLowerCase() : word);
  const have = new Set(existing.map(fold));
  const out: string[] = [];
  for (const word of words) {
    if (have.has(fold(word))) continue;
    have.add(fold(word));
    out.push(word);
  }
  return out;
}
