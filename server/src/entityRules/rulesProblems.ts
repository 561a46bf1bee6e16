// Problems of the rules files, gathered by file: what the schema found, what merging found, and
// what the sidecar refused (its problems name an index in the merged list, mapped back here to
// the file and entry they came from). Shown as diagnostics in the file itself and in the log.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { EntityRulesProblem } from '../protocol/sidecar';
import type { KnownOrigin } from './protocolRules';
import type { RulesProblem } from './rulesFile';

export const RULES_DIAGNOSTIC_SOURCE = 'samsara';
export const RULES_DIAGNOSTIC_CODE = 'entity-rules';

export class ProblemsByFile {
  readonly byUri = new Map<string, RulesProblem[]>();
  /** Entries a language model skipped (uri, entry, code): the same refusal from another pipeline is said once. */
  private readonly skipped = new Set<string>();

  /** A copy, to which a language model's problems can be added without touching this one. */
  copy(): ProblemsByFile {
    const out = new ProblemsByFile();
    for (const [uri, list] of this.byUri) out.add(uri, ...list);
    return out;
  }

  add(uri: string, ...problems: RulesProblem[]): void {
    if (problems.length === 0) return;
    const list = this.byUri.get(uri) ?? [];
    list.push(...problems);
    this.byUri.set(uri, list);
  }

  /**
   * A language model's problems with the `known` list it was sent, each on its own file's entry.
   * `language`: the name of the language whose pipeline (not the primary one) refused it.
   */
  addSidecar(problems: readonly EntityRulesProblem[], origins: readonly KnownOrigin[], language?: string): void {
    for (const problem of problems) {
      const origin = origins[problem.index];
      if (!origin) continue;
      const key = `${origin.uri}#${origin.index}#${problem.code}`;
      if (this.skipped.has(key)) continue;
      this.skipped.add(key);
      // The sidecar names the entry by its place in the list it was sent: say the file's.
      const message = problem.message.replace(/^known\[\d+\]\S*\s*/, (prefix) => prefix.replace(/\[\d+\]/, `[${origin.index}]`));
      this.add(origin.uri, {
        path: `known[${origin.index}]`,
        message: language
          ? `${message} (${problem.code}; the ${language} language model skips the entry)`
          : `${message} (${problem.code}; the entry is skipped)`,
        severity: 'error',
        range: origin.range,
      });
    }
  }

  get count(): number {
    let n = 0;
    for (const list of this.byUri.values()) n += list.length;
    return n;
  }

  /** One log line per problem: file, field path, line. */
  lines(pathOf: (uri: string) => string): string[] {
    const out: string[] = [];
    for (const [uri, list] of this.byUri) {
      for (const p of list) out.push(`${pathOf(uri)}:${p.range.start.line + 1}: ${p.path}: ${p.message}`);
    }
    return out;
  }
}

export function toDiagnostic(problem: RulesProblem): Diagnostic {
  return {
    range: problem.range,
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: RULES_DIAGNOSTIC_SOURCE,
    code: RULES_DIAGNOSTIC_CODE,
    message: `${problem.path}: ${problem.message}`,
  };
}
