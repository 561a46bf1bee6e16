// Which labels are shown (setting samsara.hiddenLabels, matched case-insensitively): the runs
// leave the others out, so no view ever sees them. Hiding a label hides its counterparts in other
// pipelines' schemes too (QUANTITY hides Korean QT and Swedish MSR; shared/labelVocabulary). Asked
// once per entity of every run, so each label's answer is kept.
import { equivalentOf } from '../../../shared/labelVocabulary';

export function visibleLabels(hiddenLabels: readonly string[]): (label: string) => boolean {
  const hidden = new Set(hiddenLabels.map((label) => label.toUpperCase()));
  const known = new Map<string, boolean>();
  return (label) => {
    let shown = known.get(label);
    if (shown === undefined) {
      const counterpart = equivalentOf(label);
      shown = !hidden.has(label.toUpperCase()) && !(counterpart !== undefined && hidden.has(counterpart));
      known.set(label, shown);
    }
    return shown;
  };
}
