// The shape of a probe scenario: a system preamble, a first prompt about the text (with
// {{selection}} or another variable of templateVariables.ts), follow-up prompts sent in the same
// conversation (plain strings, or { label, prompt }), and the parameters it asks of the model
// (temperature, maxTokens, maxTurns). The server loads and validates scenarios (built-ins,
// settings, the workspace file) and owns their rules; the client only lists them.
import { z } from 'zod';
import { templateProblem, variablesOf } from './templateVariables';

export const SELECTION_PLACEHOLDER = /\{\{\s*selection\s*\}\}/;

/** A template field: every `{{…}}` in it must be a known variable. */
function template(minLength = 0) {
  return z
    .string()
    .min(minLength)
    .superRefine((text, ctx) => {
      const problem = templateProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

export const followUpSchema = z.union([template(1), z.object({ label: z.string().min(1), prompt: template(1) })], {
  error: 'a follow-up is a prompt (text) or { label, prompt }',
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** The first prompt must carry the text the probe is about in one of its forms. */
const TEXT_VARIABLES = new Set(['selection', 'document', 'entity', 'entities']);

export const scenarioSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . or -'),
  title: z.string().min(1),
  preamble: template(),
  prompt: template().refine(
    (p) => variablesOf(p).some((use) => use.variable !== undefined && TEXT_VARIABLES.has(use.variable.kind)),
    'must contain {{selection}} (or {{document}}, {{entity}}, {{entities}})',
  ),
  followUps: z.array(followUpSchema).default([]),
  /** Sampling temperature, as each API names it (Anthropic takes 0 to 1 only). */
  temperature: z.number().min(0).max(2).optional(),
  /** Longest answer of each turn, in tokens. */
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  /** Turns sent at most (the prompt counts as one): follow-ups beyond it are left out. */
  maxTurns: z.number().int().min(1).max(100).optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * The ids of the built-in scenarios (server/src/probes/scenarios.ts defines them; a unit test keeps
 * the two equal). No other source may take these ids, so a scenario with one of them is built in.
 */
export const BUILTIN_SCENARIO_IDS: readonly string[] = ['summarize', 'entities', 'critique', 'who', 'about-entity'];

/** A follow-up as an object; a plain string has no label. */
export function normalizeFollowUp(followUp: FollowUp): { label?: string; prompt: string } {
  return typeof followUp === 'string' ? { prompt: followUp } : followUp;
}

/** The turns a scenario sends: the prompt, then the follow-ups, cut at maxTurns. */
export function scenarioTurns(scenario: Scenario): Array<{ label?: string; prompt: string; role: 'prompt' | 'followUp' }> {
  const turns = [
    { prompt: scenario.prompt, role: 'prompt' as const },
    ...scenario.followUps.map((f) => ({ ...normalizeFollowUp(f), role: 'followUp' as const })),
  ];
  return turns.slice(0, scenario.maxTurns ?? turns.length);
}

/** Every text of a scenario that is a template (preamble, prompt, follow-ups). */
export function scenarioTemplates(scenario: Scenario): string[] {
  return [scenario.preamble, ...scenarioTurns(scenario).map((t) => t.prompt)];
}
