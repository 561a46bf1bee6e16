// What makes two mentions the same entity: the same label and the same text once case, runs of
// white space (a name broken across lines), a leading "the" ("the United Nations" / "United
// Nations") and a possessive ("Gates's", "Jobs'") are set aside. spaCy usually leaves a possessive
// out of the span, but not always, and its ORG and GPE spans take "the" in some sentences only.

/** The normalised form of an entity's text (used in keys; never shown). */
export function normaliseEntityText(text: string): string {
  let folded = text
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\u2019/g, "'");
  if (folded.startsWith('the ') && folded.length > 4) folded = folded.slice(4);
  if (folded.endsWith("'s") && folded.length > 2) folded = folded.slice(0, -2);
  else if (folded.endsWith("s'") && folded.length > 2) folded = folded.slice(0, -1);
  return folded;
}

/** A distinct entity of a document: its label and normalised text (the contract's `key`). */
export function entityKey(label: string, text: string): string {
  return `${label}:${normaliseEntityText(text)}`;
}
