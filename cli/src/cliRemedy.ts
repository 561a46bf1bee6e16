// The command line's words for what to do about a probe problem: its options (--timeout-ms,
// --base-url) and the environment variables keys come from (OPENAI_API_KEY…). The engine states
// the facts; the editor says the same things with its commands and settings.
import { PROVIDERS } from '../../shared/probes/providers';
import type { ProbeProblem, Remedy } from '../../server/src/engine';

/** "OPENAI_API_KEY", "GOOGLE_API_KEY or GEMINI_API_KEY". */
export function keyVariables(provider: string | undefined): string {
  return PROVIDERS.get(provider ?? '')?.envKeys.join(' or ') ?? 'the provider’s key variable';
}

export const cliRemedy: Remedy = (problem: ProbeProblem): string | undefined => {
  switch (problem.code) {
    case 'PROBE_MISSING_KEY':
      return `Set ${keyVariables(problem.provider)}.`;
    case 'PROBE_INVALID_KEY':
      return `Fix ${keyVariables(problem.provider)}.`;
    case 'PROBE_INVALID_BASE_URL':
      return problem.provider === 'ollama' ? 'Fix --base-url (or OLLAMA_HOST).' : 'Fix --base-url.';
    case 'PROBE_TIMEOUT':
      return 'Raise --timeout-ms if the model needs longer.';
    case 'PROBE_REDIRECT':
      return 'Put the final address in --base-url.';
    case 'PROBE_HTTP_ERROR':
      if (problem.facts.suggestedBaseUrl !== undefined) return `Try --base-url ${problem.facts.suggestedBaseUrl}.`;
      return problem.status === 401 || problem.status === 403 ? `Check ${keyVariables(problem.provider)}.` : undefined;
    default:
      return undefined;
  }
};
