// The rule of scenarioConsent.ts, pure: which scenarios are confirmed on first use, and what the
// question says they send.
import { BUILTIN_SCENARIO_IDS, scenarioTemplates, type Scenario } from '../../../shared/probes/scenario';
import { usesVariable } from '../../../shared/probes/templateVariables';

export function consentKey(scenario: Scenario): string {
  return JSON.stringify([scenario.id, scenarioTemplates(scenario)]);
}

/** The question to ask before the first use of `scenario`, or undefined when none is needed. */
export function consentQuestion(scenario: Scenario, already: ReadonlySet<string>): { message: string; detail: string } | undefined {
  if (BUILTIN_SCENARIO_IDS.includes(scenario.id) || already.has(consentKey(scenario))) return undefined;
  const templates = scenarioTemplates(scenario);
  const sends = [
    ...(usesVariable(templates, 'document') ? ['the whole document, not only the selection ({{document}})'] : []),
    ...(usesVariable(templates, 'file') ? ["the file's path ({{file}})"] : []),
  ];
  if (sends.length === 0) return undefined;
  return {
    message: `The scenario "${scenario.title}" sends ${sends.join(' and ')} to the model.`,
    detail: 'It is not a built-in scenario: its title says where it comes from. Send with it?',
  };
}
