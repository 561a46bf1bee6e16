// The `samsara.probes.*` settings the server needs, validated field by field: a bad value is
// reported (with the setting's name) and replaced by its default, the rest still apply.
import { z } from 'zod';
import { storeAddressSchema } from '../../../shared/probes/storeMessages';
import { parseSettingsTable, type SettingsOf } from '../settings/settings';
import { priceTableSchema, type PriceTable } from './cost';

/**
 * Prices as the providers published them for the default models when this version was made (US
 * dollars per million input / output tokens). A starting point: users override the whole table.
 */
export const DEFAULT_PRICES: PriceTable = {
  'openai:gpt-5.4-mini': { input: 0.75, output: 4.5 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5 },
  'gemini:gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'xai:grok-4-1-fast-non-reasoning': { input: 0.2, output: 0.5 },
  'deepseek:deepseek-chat': { input: 0.27, output: 1.1 },
  'mistral:mistral-small-latest': { input: 0.1, output: 0.3 },
};

// Declared in package.json too (contributes.configuration); a unit test keeps the two in step.
export const PROBE_SETTINGS = {
  timeoutMs: { schema: z.number().int().min(100), default: 60_000 },
  maxRetries: { schema: z.number().int().min(0).max(10), default: 3 },
  concurrency: { schema: z.number().int().min(1).max(64), default: 4 },
  scenarios: { schema: z.array(z.unknown()), default: [] as unknown[] },
  scenarioFile: { schema: z.string(), default: '.samsara/scenarios.yaml' },
  /** Application scope in package.json: VS Code takes it from user settings only, never a workspace. */
  baseUrls: { schema: z.record(z.string(), z.string()), default: {} as Record<string, string> },
  transcriptFolder: { schema: z.string(), default: '.samsara/probes' },
  stream: { schema: z.boolean(), default: true },
  maxResponseBytes: { schema: z.number().int().min(1024), default: 10_485_760 },
  prices: { schema: priceTableSchema, default: DEFAULT_PRICES },
  confirmAboveUsd: { schema: z.number().min(0), default: 0.1 },
  /** A selection longer than this many characters is sent only after the user confirms (0: always ask). */
  confirmAboveChars: { schema: z.number().int().min(0), default: 50_000 },
  /** Entity labels replaced by placeholders before sending; empty: off (the pickers can turn it on per probe). */
  pseudonymize: { schema: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an entity label such as PERSON')), default: [] as string[] },
  /** The probe store's PostgreSQL address, never with a password (application scope: user settings only). */
  store: { schema: storeAddressSchema, default: '' },
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
