// The editor's words for what to do about a probe problem: its commands ("Samsara: Set API Key…")
// and its settings (samsara.probes.*). The engine states the facts; the command line says the
// same things with its own options and variables (cli/src/cliRemedy.ts).
import type { ProbeProblem, Remedy } from './errors';

export const editorRemedy: Remedy = (problem: ProbeProblem): string | undefined => {
  const label = String(problem.facts.label ?? problem.provider ?? 'this provider');
  switch (problem.code) {
    case 'PROBE_MISSING_KEY':
      return `Run "Samsara: Set API Key…" and choose ${label}.`;
    case 'PROBE_INVALID_KEY':
      return 'Set it again with "Samsara: Set API Key…" (or fix the environment variable).';
    case 'PROBE_INVALID_BASE_URL':
      return 'Fix samsara.probes.baseUrls in your user settings.';
    case 'PROBE_TIMEOUT':
      return '(samsara.probes.timeoutMs)';
    case 'PROBE_RESPONSE_TOO_LARGE':
      return '(samsara.probes.maxResponseBytes)';
    case 'PROBE_REDIRECT':
      return 'Put the final address in samsara.probes.baseUrls.';
    case 'PROBE_HTTP_ERROR':
      if (problem.facts.suggestedBaseUrl !== undefined)
        return `Try ${problem.facts.suggestedBaseUrl} in samsara.probes.baseUrls (user settings).`;
      return problem.status === 401 || problem.status === 403
        ? `Check the ${problem.provider ?? ''} API key (Samsara: Set API Key…).`.replace('the  API', 'the API')
        : undefined;
    default:
      return undefined;
  }
};
