// What a rules file's text becomes when a code action says "ignore X" or "X is always LABEL":
// the operations (rulesEditOps.ts) carried out by the YAML or JSON editor, one after the other.
import { SamsaraError } from '../../../shared/errors';
import { parseYamlSafely } from '../../../shared/safeYaml';
import { applyJsonOp } from './jsonRulesEdit';
import { opsFor, type RuleEditAction } from './rulesEditOps';
import { applyYamlOp, YamlEditError } from './yamlRulesEdit';

export type RulesFormat = 'yaml' | 'json';

/** The first lines of a rules file Samsara creates. */
export const NEW_RULES_FILE_HEADER =
  '# Samsara entity rules: names always recognised (known), texts and labels never shown (ignore).\n' +
  '# Entries: {text, label, caseInsensitive?} or {pattern: <spaCy token pattern>, label}.\n';

export function formatOf(path: string): RulesFormat {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

/** The rules file cannot be edited (it does not parse, or its layout defeats the editor). */
export class RulesEditError extends SamsaraError {
  constructor(message: string) {
    super('ENTITY_RULES_EDIT_FAILED', message);
  }
}

/**
 * The text of the rules file once it says what `action` says; undefined when it already does.
 * `before` undefined: the file does not exist yet.
 */
export function editRulesText(before: string | undefined, format: RulesFormat, action: RuleEditAction): string | undefined {
  const source = before ?? (format === 'yaml' ? NEW_RULES_FILE_HEADER : '');
  let content: unknown;
  try {
    if (format === 'json') content = source.trim() === '' ? {} : (JSON.parse(source) as unknown);
    else {
      const parsed = parseYamlSafely(source);
      if (!parsed.ok) throw new Error(parsed.message);
      content = parsed.value;
    }
  } catch (error) {
    throw new RulesEditError(`the file is not valid ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const ops = opsFor(content, action);
  if (ops.length === 0) return undefined;
  let text = source;
  try {
    for (const op of ops) text = format === 'json' ? applyJsonOp(text, op) : applyYamlOp(text, op);
  } catch (error) {
    if (error instanceof YamlEditError) throw new RulesEditError(error.message);
    throw error;
  }
  return text;
}
