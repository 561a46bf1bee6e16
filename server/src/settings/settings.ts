// The server's settings (section `samsara`, declared in package.json), validated key by key: one bad
// value is logged with its key, where it came from and why, and replaced by its default; the
// other keys keep their values.
import { z } from 'zod';
import { DEFAULT_HIDDEN_LABELS } from '../../../shared/entityLabels';
import type { Logger } from '../logger';

// Declared in package.json too (contributes.configuration); a unit test keeps the two in step.
const SETTINGS = {
  enable: { schema: z.boolean(), default: true },
  languages: {
    schema: z.array(z.string()),
    default: ['plaintext', 'markdown', 'latex', 'tex', 'restructuredtext', 'typst', 'asciidoc', 'org'],
  },
  'sidecar.path': { schema: z.string(), default: '' },
  'sidecar.pipeline': { schema: z.string().trim().min(1), default: 'en_core_web_sm' },
  'sidecar.startTimeoutMs': { schema: z.number().int().min(1000), default: 15_000 },
  'sidecar.healthCheckIntervalMs': { schema: z.number().int().min(500), default: 30_000 },
  'sidecar.healthCheckTimeoutMs': { schema: z.number().int().min(100), default: 5000 },
  'sidecar.requestTimeoutMs': { schema: z.number().int().min(100), default: 30_000 },
  // `auto`: one per spare core, 1 to 4 (see resolveWorkerCount); a number overrides.
  'sidecar.workers': { schema: z.union([z.literal('auto'), z.number().int().min(1).max(16)]), default: 'auto' as 'auto' | number },
  // Workers past the first stop after this long without work and start again when work waits (0: never).
  'sidecar.idleRetireSeconds': { schema: z.number().int().min(0).max(86_400), default: 60 },
  // Labels shown nowhere (highlighting, diagnostics, hover, Outline, mentions, Entities view).
  hiddenLabels: { schema: z.array(z.string()), default: [...DEFAULT_HIDDEN_LABELS] },
  // Hint: nothing in the Problems panel by default; semantic tokens do the highlighting.
  'diagnostics.severity': { schema: z.enum(['Error', 'Warning', 'Information', 'Hint']), default: 'Hint' },
  // Of the shown labels, those that also get diagnostics (empty: all of them).
  'diagnostics.labels': { schema: z.array(z.string()), default: [] },
  'diagnostics.maxPerDocument': { schema: z.number().int().min(0), default: 1000 },
  'analysis.debounceMs': { schema: z.number().int().min(0), default: 250 },
  'analysis.maxDocumentSize': { schema: z.number().int().min(1000), default: 2_000_000 },
  // The workspace index (server/src/workspace): scan on or off, which files, how large at most.
  'workspace.scan': { schema: z.boolean(), default: true },
  'workspace.include': { schema: z.array(z.string()), default: [] as string[] },
  'workspace.exclude': { schema: z.array(z.string()), default: [] as string[] },
  'workspace.maxFileSize': { schema: z.number().int().min(1000), default: 1_000_000 },
  // A user-level entity rules file, added to each workspace's .samsara/entities.yaml ('' : none).
  'entities.userFile': { schema: z.string(), default: '' },
  // REGEX/FUZZY in a workspace's rules file run only when true (user settings, trusted workspace).
  'entities.allowWorkspaceRegex': { schema: z.boolean(), default: false },
  // The documents' language: `auto` (front matter, then detection) or a code (server/src/text/documentLanguage).
  language: {
    schema: z
      .string()
      .trim()
      .regex(/^(auto|[a-z]{2,3})$/i),
    default: 'auto',
  },
  // Minutes before a language's pipeline that no document uses is unloaded (sidecar/languageRouter).
  'pipelines.idleMinutes': { schema: z.number().int().min(1).max(1440), default: 10 },
} as const;

/** A table of settings: each key's schema and default (key paths may be dotted). */
export type SettingsTable = Readonly<Record<string, { readonly schema: z.ZodType; readonly default: unknown }>>;
export type SettingsOf<T extends SettingsTable> = { -readonly [K in keyof T]: z.infer<T[K]['schema']> };

export interface InvalidSetting {
  key: string;
  raw: unknown;
  why: string;
  fallback: unknown;
}

/**
 * Validates `section` key by key against `table`. A key that is absent (undefined, or null: what
 * some clients send for "not set") keeps its default; an invalid one keeps it too and is handed to
 * `onInvalid`, so one bad value never costs the others.
 */
export function parseSettingsTable<T extends SettingsTable>(
  table: T,
  section: unknown,
  onInvalid: (problem: InvalidSetting) => void,
): SettingsOf<T> {
  const result: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) {
    result[key] = structuredClone(spec.default);
    const raw = lookup(section, key);
    if (raw === undefined || raw === null) continue;
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) result[key] = parsed.data;
    else onInvalid({ key, raw, why: parsed.error.issues.map((issue) => issue.message).join('; '), fallback: spec.default });
  }
  return result as SettingsOf<T>;
}

export type SettingKey = keyof typeof SETTINGS;
export type SamsaraSettings = SettingsOf<typeof SETTINGS>;
export type Severity = SamsaraSettings['diagnostics.severity'];

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function defaultSettings(): SamsaraSettings {
  return parseSettingsTable(SETTINGS, undefined, () => undefined);
}

/**
 * Reads the `samsara` section as a client sends it: VS Code nests it (`{sidecar: {path}}`), other
 * clients may send dotted keys (`{"sidecar.path": ...}`); both are accepted.
 */
export function lookup(section: unknown, key: string): unknown {
  if (!isRecord(section)) return undefined;
  if (key in section) return section[key];
  let node: unknown = section;
  for (const part of key.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[part];
  }
  return node;
}

export class SettingsValidator {
  /** Each bad value is logged once, not at every pull for every document. */
  private readonly reported = new Set<string>();

  constructor(private readonly log: Logger) {}

  parse(section: unknown, where: string): SamsaraSettings {
    if (section !== undefined && section !== null && !isRecord(section)) {
      this.report(`Settings section samsara from ${where} is not an object (${preview(section)}); using the defaults`);
      return defaultSettings();
    }
    return parseSettingsTable(SETTINGS, section, ({ key, raw, why, fallback }) =>
      this.report(
        `Setting samsara.${key} from ${where} has the invalid value ${preview(raw)} (${why}); using the default ${preview(fallback)}`,
      ),
    );
  }

  /** After a configuration change the same mistake is worth one more line. */
  forgetReports(): void {
    this.reported.clear();
  }

  private report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.log.warn(message);
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
