// AsciiDoc's inline syntax inside a prose block's own lines, so that only the words reach spaCy at
// their exact offsets. Asciidoctor decides which lines are prose (asciidocParser.ts) but applies
// its inline substitutions to converted text with no way back to the source; the rules here follow
// its substitution patterns (Asciidoctor's rx.rb) on the source itself. Kept: the text of links,
// cross references (`<<id,text>>`, `xref:id[text]`), footnotes, keyboard and button macros,
// visible index terms, and formatted text without its marks (`*bold*`, `__it__`, `#mark#`,
// `^sup^`, `[.role]#text#`). Dropped: monospace and passthroughs (`+…+`, `++…++`, `+++…+++`,
// `pass:[]`, `$$…$$`), math macros, other macros whole (images, icons), macros' and links' targets,
// attribute references (`{name}`), anchors (`[[id]]`), hidden index terms, character references,
// hard line break marks.
import type { ProseBuilder } from '../proseBuilder';

type Action =
  /** Nothing of it is prose; the words on both sides stay apart. */
  | 'cut'
  /** Marks around words: dropped, the words on both sides join up (`**C**reate`). */
  | 'drop'
  /** Formatting: group 1 is the marked text, scanned again. */
  | 'inner'
  /** A macro or a reference: group 1 is its text (attributes after a comma dropped), the rest is syntax. */
  | 'text'
  /** A footnote's text: set apart from the sentence around it. */
  | 'note';

interface Rule {
  re: RegExp;
  action: Action | ((match: RegExpExecArray) => Action);
  /** The group that holds the text, for 'inner', 'text' and 'note' (1 unless said). */
  group?: number;
}

/** Macros whose bracketed text is what a reader reads. */
const TEXT_MACROS = new Set(['http', 'https', 'ftp', 'irc', 'mailto', 'link', 'xref', 'kbd', 'btn', 'menu', 'anchor', 'indexterm2']);

const RULES: Rule[] = [
  // An escaped mark: the backslash goes, the character stays as text (handled in scan).
  { re: /\\(?=[\\*_`#^~{[<+(&$'"])/, action: 'drop' },
  { re: /\+\+\+[\s\S]*?\+\+\+/, action: 'cut' },
  { re: /\$\$[\s\S]*?\$\$/, action: 'cut' },
  { re: /\b(?:pass|stem|latexmath|asciimath):[a-z,]*\[(?:\\\]|[^\]])*\]/, action: 'cut' },
  { re: /`\+[\s\S]*?\+`/, action: 'cut' },
  { re: /\+\+[\s\S]*?\+\+/, action: 'cut' },
  // Typographic quotes ("`word`"): the backticks are marks, not monospace.
  { re: /["']`(?=\S)|(?<=\S)`["']/, action: 'drop' },
  { re: /``(?=\S)[\s\S]*?``/, action: 'cut' },
  { re: /(?<![\w`])`(?=\S)[^`]*?\S?`(?![\w`])/, action: 'cut' },
  { re: /(?<![\w+\\])\+(?=\S)[^+]*?\S?\+(?![\w+])/, action: 'cut' },
  { re: /<<[^>,\n]*?,[ \t]*([^>\n]*?)>>/, action: 'text' },
  { re: /<<[^>\n]*?>>/, action: 'cut' },
  { re: /\[\[\[?[^\]\n]*\]\]\]?/, action: 'cut' },
  { re: /\(\(\((?:[^)]|\)(?!\)\)))*\)\)\)/, action: 'cut' },
  { re: /\(\(([^()\n]+?)\)\)/, action: 'inner' },
  { re: /\bfootnote(?:ref)?:[\w-]*\[((?:\\\]|[^\]])*)\]/, action: 'note' },
  // A link whose target is an attribute (`{url-docs}/guide[the guide]`).
  { re: /\{[\w-]+\}[^\s[\]]*\[((?:\\\]|[^\]])*)\]/, action: 'text' },
  { re: /\b([a-z][\w-]*):(?!\s)[^\s[\]]*\[((?:\\\]|[^\]])*)\]/, action: (m) => (TEXT_MACROS.has(m[1]) ? 'text' : 'cut'), group: 2 },
  { re: /<(?:https?|ftp|irc|mailto):[^>\s]*>/, action: 'cut' },
  { re: /\{\w[\w-]*(?:[:=!][^}\n]*)?\}/, action: 'cut' },
  { re: /&(?:#\d{1,7}|#x[\da-fA-F]{1,6}|[a-zA-Z]\w{1,31});/, action: 'cut' },
  // A role or id before formatted text (`[.line-through]#words#`).
  { re: /\[[^\]\n]*\](?=[#*_`^~])/, action: 'drop' },
  { re: /\*\*(?=\S)([\s\S]*?\S?)\*\*/, action: 'inner' },
  { re: /__(?=\S)([\s\S]*?\S?)__/, action: 'inner' },
  { re: /##(?=\S)([\s\S]*?\S?)##/, action: 'inner' },
  { re: /(?<![\w*])\*(?=\S)([^*]*?\S?)\*(?![\w*])/, action: 'inner' },
  { re: /(?<![\w_])_(?=\S)([^_]*?\S?)_(?![\w_])/, action: 'inner' },
  { re: /(?<![\w#])#(?=\S)([^#]*?\S?)#(?![\w#])/, action: 'inner' },
  { re: /\^(\S+?)\^/, action: 'inner' },
  { re: /~(\S+?)~/, action: 'inner' },
  // A hard line break (` +` at a line's end).
  { re: /[ \t]\+(?=[ \t]*(?:\r\n|\r|\n|$))/, action: 'drop' },
];

/** Every rule's pattern in one alternation, each wrapped in a group to tell which one matched. */
const ANY = new RegExp(RULES.map((rule) => `(${rule.re.source})`).join('|'), 'g');
/** The index in ANY's match of each rule's wrapping group (after the groups of the rules before it). */
const WRAPPERS: number[] = [];
for (let i = 0, group = 1; i < RULES.length; i++) {
  WRAPPERS.push(group);
  // An empty match's array has one entry per group of the rule, plus one: as many as the wrapper and its groups.
  group += new RegExp(`${RULES[i].re.source}|`).exec('')?.length ?? 1;
}
const STICKY = RULES.map((rule) => new RegExp(rule.re.source, 'yd'));
/** Formatting inside formatting is scanned again, this deep at most. */
const MAX_NESTING = 8;

/** Keeps the words of source[from, to) — prose lines of one block — without their inline syntax. */
export function keepInline(builder: ProseBuilder, source: string, from: number, to: number, depth = 0): void {
  if (from >= to) return;
  const text = source.slice(from, to);
  const any = new RegExp(ANY.source, 'g');
  let at = 0;
  for (let match = any.exec(text); match !== null; match = any.exec(text)) {
    if (match[0].length === 0) {
      any.lastIndex++;
      continue;
    }
    const index = WRAPPERS.findIndex((group) => match[group] !== undefined);
    const sticky = STICKY[index];
    sticky.lastIndex = match.index;
    const detail = sticky.exec(text) ?? match;
    const rule = RULES[index];
    const action = typeof rule.action === 'function' ? rule.action(detail) : rule.action;
    builder.keep(from + at, from + match.index);
    const start = match.index;
    const end = start + match[0].length;
    at = end;
    if (index === 0) {
      // The escaped character is text.
      builder.keep(from + end, from + end + 1);
      at = end + 1;
      any.lastIndex = at;
    } else if (action === 'cut') builder.cut();
    else if (action !== 'drop') {
      const span = detail.indices?.[rule.group ?? 1];
      if (!span) continue;
      const innerEnd = action === 'inner' ? span[1] : span[0] + positionalText(text.slice(span[0], span[1]));
      if (action === 'note') builder.cut();
      if (depth < MAX_NESTING) keepInline(builder, source, from + span[0], from + innerEnd, depth + 1);
      else builder.cut();
      if (action === 'note') builder.cut();
    }
  }
  builder.keep(from + at, to);
}

/** How much of a macro's bracketed text is its words: up to the first `name=value` attribute, without a trailing `^`. */
function positionalText(inner: string): number {
  const attribute = /,[ \t]*[\w-]+[ \t]*=/.exec(inner);
  let end = attribute ? attribute.index : inner.length;
  if (inner[end - 1] === '^') end -= 1;
  return end;
}
