// What a token pattern may cost, checked where the file is read so the problem shows in the file
// (issue 20: a rules file is untrusted input). The same bounds, by the same names, are enforced
// again by the sidecar (python-src/samsara_sidecar/entity_ruler.py), which never trusts the server
// either. Each optional or bounded-repeat token lets spaCy's Matcher branch at every token of the
// text: 8 cost ~10 ms on 200 words, 16 cost 1.7 s and 380 MB, 50 took a sidecar past 3 GB.
export const PATTERN_COST_LIMITS = {
  maxVariableOpsPerPattern: 8,
  maxVariableOpsPerRules: 64,
  maxExpandedTokens: 50,
  maxRegexChars: 200,
} as const;

export interface PatternCost {
  /** Optional or repeating tokens (`?`, `*`, `+`, and m-n for `{n,m}`). */
  variableOps: number;
  /** Tokens the pattern stands for once `{n}` / `{n,m}` are expanded. */
  tokens: number;
  /** Uses REGEX or FUZZY predicates (any depth), with the longest regex's length. */
  matching: boolean;
  longestRegex: number;
}

/** (variable operators, tokens) one OP value stands for. */
export function opCost(op: unknown): [number, number] {
  const text = typeof op === 'string' ? op.trim() : '';
  if (text === '?' || text === '*' || text === '+') return [1, 1];
  const exact = /^\{(\d+)\}$/.exec(text);
  if (exact) return [0, Number(exact[1])];
  const range = /^\{(\d*),(\d*)\}$/.exec(text);
  if (range) {
    const low = Number(range[1] || 0);
    if (!range[2]) return [1, low + 1];
    const high = Number(range[2]);
    return [Math.max(high - low, 0), Math.max(high, low)];
  }
  return [0, 1];
}

function visitPredicates(value: unknown, visit: (key: string, inner: unknown) => void): void {
  if (Array.isArray(value)) for (const inner of value) visitPredicates(inner, visit);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      visit(key.toUpperCase(), inner);
      visitPredicates(inner, visit);
    }
  }
}

export function patternCost(pattern: readonly Record<string, unknown>[]): PatternCost {
  const cost: PatternCost = { variableOps: 0, tokens: 0, matching: false, longestRegex: 0 };
  for (const spec of pattern) {
    const [ops, tokens] = opCost(spec.OP ?? spec.op);
    cost.variableOps += ops;
    cost.tokens += tokens;
    visitPredicates(spec, (key, inner) => {
      if (key.startsWith('REGEX') || key.startsWith('FUZZY')) cost.matching = true;
      if (key.startsWith('REGEX')) cost.longestRegex = Math.max(cost.longestRegex, String(inner).length);
    });
  }
  return cost;
}

/** Why a pattern costs too much on its own, given what is left of the rules' shared budget; or undefined. */
export function patternCostProblem(pattern: readonly Record<string, unknown>[], budgetLeft: number): string | undefined {
  const limits = PATTERN_COST_LIMITS;
  const cost = patternCost(pattern);
  if (cost.variableOps > limits.maxVariableOpsPerPattern)
    return (
      `has ${cost.variableOps} optional or repeating tokens (OP ?, *, +, {n,m}); at most ${limits.maxVariableOpsPerPattern} ` +
      'are allowed, since each one doubles the matching work'
    );
  if (cost.tokens > limits.maxExpandedTokens)
    return `stands for ${cost.tokens} tokens once its OP counts are expanded; at most ${limits.maxExpandedTokens}`;
  if (cost.variableOps > budgetLeft)
    return `the patterns of the rules together have more than ${limits.maxVariableOpsPerRules} optional or repeating tokens`;
  if (cost.longestRegex > limits.maxRegexChars) return `has a REGEX of ${cost.longestRegex} characters; at most ${limits.maxRegexChars}`;
  return undefined;
}
