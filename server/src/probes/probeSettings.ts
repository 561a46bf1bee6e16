// The `samsara.probes.*` settings the server needs, validated field by field: a bad value is
// reported (with the setting's name) and replaced by its default, the rest still apply.
import { z } from 'zod';
import { parseSettingsTable, type SettingsOf } from '../settings/settings';

// Declared in package.json too (contributes.configuration); a unit test keeps the two in step.
export const PROBE_SETTINGS = {
  timeoutMs: { schema: z.number().int().min(100), default: 60_000 },
  maxRetries: { schema: z.number().int().min(0).max(10), default: 3 },
  concurrency: { schema: z.number().int().min(1).max(64), default: 4 },
  scenarios: { schema: z.array(z.unknown()), default: [] as unknown[] },
  scenarioFile: { schema: z.string(), default: '.samsara/scenarios.yaml' },
  /** Application scope in package.json: VS Code takes it from user settings only, never a workspace. */
  baseUrls: { schema: z.record(z.string(), z.string()), default: {} as Record<string, string> },
} as const;

export type ProbeSettings = SettingsOf<typeof PROBE_SETTINGS>;

export const PROBE_SETTING_DEFAULTS: ProbeSettings = parseSettingsTable(PROBE_SETTINGS, undefined, () => undefined);

export interface ParsedProbeSettings {
  settings: ProbeSettings;
  problems: string[];
}

export function parseProbeSettings(raw: unknown): ParsedProbeSettings {
  const problems: string[] = [];
  const settings = parseSettingsTable(PROBE_SETTINGS, raw, ({ key, why, fallback }) =>
    problems.push(`samsara.probes.${key}: ${why}; using the default ${JSON.stringify(fallback)}`),
  );
  return { settings, problems };
}
