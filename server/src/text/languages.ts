// Which documents Samsara analyses. `samsara.languages` holds VS Code language ids, but other
// LSP clients name the same languages differently (Neovim and Helix send `text` for plain text,
// Sublime `plain`/`txt`): aliases map them to VS Code's id so the setting means the same everywhere.
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  text: 'plaintext',
  plain: 'plaintext',
  txt: 'plaintext',
  'plain text': 'plaintext',
  md: 'markdown',
  'markdown.mdx': 'markdown',
  rst: 'restructuredtext',
  typ: 'typst',
  adoc: 'asciidoc',
};

export function canonicalLanguageId(languageId: string): string {
  return LANGUAGE_ALIASES[languageId.toLowerCase()] ?? languageId;
}

export function isAnalysedLanguage(configured: readonly string[], languageId: string): boolean {
  const id = canonicalLanguageId(languageId);
  return configured.some((entry) => canonicalLanguageId(entry) === id);
}
