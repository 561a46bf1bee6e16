// The `samsara.probes.*` settings the server needs, validated field by field: a bad value is
// reported (with the setting's name) and replaced by its default, the rest still apply.
import { z } from 'zod';

export const PROBE_SETTING_DEFAULTS = {
  timeoutMs: 60_000,
  maxRetries: 3,
  concurrency: 4,
  scenarios: [] as unknown[],
  scenarioFile: '.samsara/scenarios.yaml',
};

const fields = {
  timeoutMs: z.number().int().min(100),
  maxRetries: z.number().int().min(0).max(10),
  concurrency: z.number().int().min(1).max(64),
  scenarios: z.array(z.unknown()),
  scenarioFile: z.string(),
};

export type ProbeSettings = typeof PROBE_SETTING_DEFAULTS;

export interface ParsedProbeSettings {
  settings: ProbeSettings;
  problems: string[];
}

export function parseProbeSettings(raw: unknown): ParsedProbeSettings {
  const settings: ProbeSettings = { ...PROBE_SETTING_DEFAULTS };
  const problems: string[] = [];
  if (raw === null || raw === undefined || typeof raw !== 'object') return { settings, problems };
  const record = raw as Record<string, unknown>;
  for (const name of Object.keys(fields) as Array<keyof typeof fields>) {
    const value = record[name];
    if (value === undefined || value === null) continue;
    const result = fields[name].safeParse(value);
    if (result.success) {
      (settings as Record<string, unknown>)[name] = result.data;
    } else {
      problems.push(`samsara.probes.${name}: ${result.error.issues[0]?.message ?? 'invalid'}; using the default ${JSON.stringify(PROBE_SETTING_DEFAULTS[name])}`);
    }
  }
  return { settings, problems };
}
