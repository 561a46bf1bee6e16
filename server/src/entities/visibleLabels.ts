// Which labels are shown (setting samsara.hiddenLabels, matched case-insensitively): the runs
// leave the others out, so no view ever sees them. Asked once per entity of every run, so each
// label's answer is kept.
export function visibleLabels(hiddenLabels: readonly string[]): (label: string) => boolean {
  const hidden = new Set(hiddenLabels.map((label) => label.toUpperCase()));
  const known = new Map<string, boolean>();
  return (label) => {
    let shown = known.get(label);
    if (shown === undefined) {
      shown = !hidden.has(label.toUpperCase());
      known.set(label, shown);
    }
    return shown;
  };
}
