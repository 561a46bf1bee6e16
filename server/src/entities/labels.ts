// Explanations of entity labels, for messages and hovers. The sidecar's handshake carries spaCy's
// own (`spacy.explain`) for the labels its pipeline emits; the shared table of the 18 OntoNotes
// labels (spaCy's glossary) is the fallback when a sidecar does not send them.
import { LABEL_EXPLANATIONS } from '../../../shared/entityLabels';
import { isWikiNerScheme, WIKINER_EXPLANATIONS } from '../../../shared/labelVocabulary';

// WikiNER's PER and MISC have no OntoNotes explanation; OntoNotes' LOC and ORG keep theirs.
const FALLBACK: Readonly<Record<string, string>> = { ...WIKINER_EXPLANATIONS, ...LABEL_EXPLANATIONS };

export class LabelExplainer {
  private fromSidecar: Record<string, string> = {};

  setFromSidecar(labels: Record<string, string> | undefined): void {
    // spaCy's glossary explains WikiNER's LOC as OntoNotes' "non-GPE locations"; in a WikiNER
    // pipeline it means every place, so those labels get the shared vocabulary's words.
    this.fromSidecar = labels && isWikiNerScheme(Object.keys(labels)) ? { ...labels, ...WIKINER_EXPLANATIONS } : (labels ?? {});
  }

  explain(label: string): string {
    return this.fromSidecar[label] || FALLBACK[label] || 'Named entity';
  }

  /** Labels the ready sidecar's pipeline reports (empty before its handshake). */
  get sidecarLabels(): string[] {
    return Object.keys(this.fromSidecar);
  }
}
