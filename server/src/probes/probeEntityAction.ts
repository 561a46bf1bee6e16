// "Probe this entity": a link at the end of an entity's hover and a code action on an entity,
// both running the client command samsara.probeEntity with the entity and its sentence (the
// probe's {{selection}}; {{entity}} is the entity's text). The server finds the sentence, so
// every LSP client gets the same one; the client picks the scenario and model and sends the probe.
import { MarkupKind, type CodeAction, type Command, type Hover, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PROBE_ENTITY_COMMAND, type ProbeEntityArgs } from '../../../shared/lsp';
import type { DocumentEntity } from '../entities/entityModel';

/** A sentence longer than this is cut around the entity (a run-on paragraph is not a sentence). */
export const MAX_SENTENCE_CHARS = 1200;

const SENTENCE_END = /[.!?]["'”’)\]]*(?=\s|$)/g;
/** A blank line, or a line that starts a heading, a list item or a quote: a sentence never crosses it. */
const BLOCK_START = /\n[ \t]*(?:\n|#|[-*+>][ \t]|\d+[.)][ \t])/g;

/** The sentence holding [start, end) of `text`, trimmed; cut to MAX_SENTENCE_CHARS around the span. */
export function sentenceAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  // A heading is its own sentence, punctuated or not.
  if (/^[ \t]*#/.test(text.slice(lineStart))) return clean(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(SENTENCE_END)) {
    const stop = m.index + m[0].length;
    if (stop <= start) from = stop;
    else if (m.index >= end) {
      to = Math.min(to, stop);
      break;
    }
  }
  for (const m of text.matchAll(BLOCK_START)) {
    if (m.index < start) from = Math.max(from, m.index + 1);
    else if (m.index >= end) {
      to = Math.min(to, m.index);
      break;
    }
  }
  if (to - from > MAX_SENTENCE_CHARS) {
    const half = Math.floor((MAX_SENTENCE_CHARS - (end - start)) / 2);
    from = Math.max(from, start - half);
    to = Math.min(to, end + half);
  }
  return clean(text.slice(from, to));
}

/** Without the heading, list or quote marker it starts with. */
function clean(sentence: string): string {
  return sentence.replace(/^\s*(?:#+|[-*+>]|\d+[.)])?\s*/, '').trim();
}

export function probeEntityArgs(document: TextDocument, entity: DocumentEntity): ProbeEntityArgs {
  return {
    uri: document.uri,
    entity: { text: entity.text, label: entity.label },
    sentence: sentenceAround(document.getText(), entity.start, entity.end) || entity.text,
    lines: { start: document.positionAt(entity.start).line + 1, end: document.positionAt(entity.end).line + 1 },
  };
}

export function probeEntityCommand(document: TextDocument, entity: DocumentEntity): Command {
  return { title: `Probe "${entity.text}"…`, command: PROBE_ENTITY_COMMAND, arguments: [probeEntityArgs(document, entity)] };
}

/** The hover with a "Probe this entity…" command link at its end (the client trusts this one command). */
export function withProbeEntityLink(hover: Hover | null, document: TextDocument, entity: DocumentEntity | undefined): Hover | null {
  if (!hover || !entity) return hover;
  const contents = hover.contents;
  if (typeof contents !== 'object' || !('kind' in contents) || contents.kind !== MarkupKind.Markdown) return hover;
  const args = encodeURIComponent(JSON.stringify([probeEntityArgs(document, entity)]));
  const link = `[Probe this entity…](command:${PROBE_ENTITY_COMMAND}?${args} "Run a probe scenario about this entity and its sentence")`;
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${contents.value}\n\n${link}` } };
}

/** One code action per entity the range touches. */
export function entityCodeActions(document: TextDocument, entities: readonly DocumentEntity[], range: Range): CodeAction[] {
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  return entities
    .filter((e) => e.start <= to && e.end >= from)
    .slice(0, 5)
    .map((entity) => ({ title: `Probe "${entity.text}" (${entity.label})…`, command: probeEntityCommand(document, entity) }));
}
