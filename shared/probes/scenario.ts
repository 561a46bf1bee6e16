// The shape of a probe scenario: a system preamble, a first prompt holding {{selection}}, and
// follow-up prompts sent in the same conversation. The server loads and validates scenarios
// (built-ins, settings, the workspace file) and owns their rules; the client only lists them.
import { z } from 'zod';

export const SELECTION_PLACEHOLDER = /\{\{\s*selection\s*\}\}/;

export const scenarioSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . or -'),
  title: z.string().min(1),
  preamble: z.string(),
  prompt: z.string().refine((p) => SELECTION_PLACEHOLDER.test(p), 'must contain {{selection}}'),
  followUps: z.array(z.string().min(1)).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
