// YAML (`---`) and TOML (`+++`) front matter: metadata, never prose. As in
// micromark-extension-frontmatter (what remark and VS Code's preview follow): only at the very
// start of the document, the opening fence alone on the first line, a closing fence with the same
// marker alone on a later line (spaces and tabs may trail both); without a closing fence there is
// no front matter, and the lines are Markdown.
const OPENING = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/;
const LINE_END = /\r\n|\r|\n/g;

/** Length of the front matter at the start of `text`, through the closing fence's line end; 0 if none. */
export function frontMatterLength(text: string): number {
  const opening = OPENING.exec(text);
  if (!opening) return 0;
  const marker = opening[1];
  let lineStart = opening[0].length;
  LINE_END.lastIndex = lineStart;
  for (;;) {
    const lineEnd = LINE_END.exec(text);
    const end = lineEnd ? lineEnd.index : text.length;
    if (isFence(text, lineStart, end, marker)) return lineEnd ? end + lineEnd[0].length : end;
    if (!lineEnd) return 0;
    lineStart = end + lineEnd[0].length;
  }
}

function isFence(text: string, from: number, to: number, marker: string): boolean {
  if (!text.startsWith(marker, from)) return false;
  for (let i = from + marker.length; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}
