// One CSV field as RFC 4180 writes it, for every CSV Samsara produces: the Entities view's
// "Copy as CSV", the Appearances list, and the workspace export (`samsara entities`). One function
// on both sides of the contract so the quoting and the formula guard cannot drift apart.

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A field a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading
 * apostrophe: the text comes from documents, which are not trusted to run formulas on whoever
 * opens the CSV. Numbers are written as they are (a negative count is not a formula).
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
