// The variables a scenario's texts may hold, and how they are found: `{{selection}}`,
// `{{entities}}` and `{{entities.LABEL}}`, `{{document}}`, `{{file}}` and `{{entity}}`. Shared, so
// the schema that validates a scenario (every front door) and the server that fills the values in
// agree on one grammar. Anything written `{{…}}` is a variable: an unknown one is an error, never
// sent to a model as literal braces.

/** `{{ name }}` or `{{ name.PART }}`, spaces allowed inside the braces. */
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type TemplateVariable =
  | { kind: 'selection' }
  | { kind: 'entities'; label?: string }
  | { kind: 'document' }
  | { kind: 'file' }
  | { kind: 'entity' };

export const KNOWN_VARIABLES = ['{{selection}}', '{{entities}}', '{{entities.LABEL}}', '{{document}}', '{{file}}', '{{entity}}'] as const;

/** A variable's name as written (`entities.PERSON`) read as a variable, or undefined when unknown. */
export function parseVariable(name: string): TemplateVariable | undefined {
  if (name === 'selection' || name === 'document' || name === 'file' || name === 'entity') return { kind: name };
  if (name === 'entities') return { kind: 'entities' };
  const label = /^entities\.([A-Za-z][A-Za-z0-9_]*)$/.exec(name)?.[1];
  // spaCy's labels are upper case; `entities.person` means PERSON.
  return label ? { kind: 'entities', label: label.toUpperCase() } : undefined;
}

export interface VariableUse {
  /** As written between the braces, trimmed. */
  name: string;
  variable: TemplateVariable | undefined;
}

/** Every `{{…}}` of a template, in order. */
export function variablesOf(template: string): VariableUse[] {
  return [...template.matchAll(VARIABLE)].map((m) => ({ name: m[1], variable: parseVariable(m[1]) }));
}

/** The problem with a template, or undefined: names the first unknown variable and lists the known ones. */
export function templateProblem(template: string): string | undefined {
  const unknown = variablesOf(template).find((use) => use.variable === undefined);
  if (!unknown) return undefined;
  return `unknown variable {{${unknown.name}}}; known: ${KNOWN_VARIABLES.join(', ')}`;
}

/** Replaces each variable by `value(variable)`; the value is inserted literally (no $ patterns). */
export function replaceVariables(template: string, value: (variable: TemplateVariable, name: string) => string): string {
  return template.replace(VARIABLE, (whole, name: string) => {
    const variable = parseVariable(name);
    return variable ? value(variable, name) : whole;
  });
}

/** True when any of the templates uses a variable of this kind. */
export function usesVariable(templates: readonly string[], kind: TemplateVariable['kind']): boolean {
  return templates.some((t) => variablesOf(t).some((use) => use.variable?.kind === kind));
}
