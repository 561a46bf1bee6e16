// Reading YAML/JSON that a workspace holds (rules files, scenario files, dictionaries): the
// YAML library's limits set here, explicitly, and every throw turned into an error value, so a
// hostile file (an alias bomb, a deep nest) becomes a problem shown in that file and never an
// exception that takes the server down (issue 20, attack 3).
import { parseDocument, YAMLError } from 'yaml';

/** The limits every parse of a workspace file uses. */
export const YAML_LIMITS = {
  /** How many times aliases may be expanded in one document (the library's default is 100, but say it). */
  maxAliasCount: 50,
} as const;

export type SafeParse = { ok: true; value: unknown } | { ok: false; message: string; line?: number };

/**
 * Parses `text` and converts it to plain data with the limits above. Parse errors and what the
 * conversion throws (`Excessive alias count…`) come back as `{ ok: false }` with the first line.
 */
export function parseYamlSafely(text: string): SafeParse {
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      return { ok: false, message: first.message.split('\n')[0], line: first.linePos?.[0].line };
    }
    return { ok: true, value: doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) as unknown };
  } catch (error) {
    const line = error instanceof YAMLError ? error.linePos?.[0].line : undefined;
    return { ok: false, message: error instanceof Error ? error.message.split('\n')[0] : String(error), line };
  }
}

/** JSON.parse as a value: a workspace's JSON file never throws out of its reader. */
export function parseJsonSafely(text: string): SafeParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}
