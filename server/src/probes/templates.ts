// Fills a scenario's variables in (shared/probes/templateVariables.ts has the grammar):
//   {{selection}}        the selected text
//   {{entities}}         the selection's entities, one "text (LABEL)" a line
//   {{entities.PERSON}}  the selection's entities of one label, one text a line
//   {{document}}         the whole document, refused past DOCUMENT_VARIABLE_CAP characters
//   {{file}}             the document's name relative to the workspace
//   {{entity}}           the entity a "Probe this entity" run is about (else the selection)
import type { NamedEntity } from '../../../shared/probes/fidelity';
import { replaceVariables, type TemplateVariable } from '../../../shared/probes/templateVariables';
import { TemplateError } from './errors';

/** Past this many characters {{document}} is refused (a whole book would be sent every turn). */
export const DOCUMENT_VARIABLE_CAP = 100_000;

export const NONE_FOUND = '(none found)';

export interface TemplateValues {
  selection: string;
  /** The selection's entities; required only by templates that use {{entities}}. */
  entities?: readonly NamedEntity[];
  document?: string;
  file?: string;
  entity?: string;
}

/** One line per distinct entity, in order of first mention. */
function entityLines(entities: readonly NamedEntity[], label: string | undefined): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const e of entities) {
    if (label !== undefined && e.label !== label) continue;
    const line = label === undefined ? `${e.text} (${e.label})` : e.text;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return lines.length > 0 ? lines.join('\n') : NONE_FOUND;
}

function valueOf(variable: TemplateVariable, values: TemplateValues): string {
  switch (variable.kind) {
    case 'selection':
      return values.selection;
    case 'entity':
      return values.entity ?? values.selection;
    case 'file':
      return values.file ?? '(no file)';
    case 'document':
      if (values.document === undefined)
        throw new TemplateError('{{document}} needs the whole document: start the probe from an editor (or give --file).');
      if (values.document.length > DOCUMENT_VARIABLE_CAP) {
        throw new TemplateError(
          `{{document}} would send ${values.document.length.toLocaleString('en')} characters; the cap is ${DOCUMENT_VARIABLE_CAP.toLocaleString('en')}. Select the part to probe and use {{selection}} instead.`,
        );
      }
      return values.document;
    case 'entities':
      if (values.entities === undefined) throw new TemplateError('{{entities}} needs the sidecar, which did not analyse the selection.');
      return entityLines(values.entities, variable.label);
  }
}

/** The template with every variable filled in; a plain string is the selection (older callers). */
export function renderTemplate(template: string, values: TemplateValues | string): string {
  const all = typeof values === 'string' ? { selection: values } : values;
  return replaceVariables(template, (variable) => valueOf(variable, all));
}
