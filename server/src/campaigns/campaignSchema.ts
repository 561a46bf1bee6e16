// A campaign file (.samsara/campaigns/*.yaml): which passages go through which scenarios on which
// models, how many times, and what every answer must (not) do. The file is untrusted input: it is
// parsed with YAML limits (size, aliases, unique keys), checked by zod, and every problem names
// the file and the field ("campaign.yaml: passages[2].lines: expected a-b").
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { SamsaraError } from '../../../shared/errors';

/** A campaign file larger than this is refused before it is parsed. */
export const MAX_CAMPAIGN_FILE_BYTES = 1_048_576;
const MAX_LIST = 1000;

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);
const names = z.array(z.string().trim().min(1)).max(MAX_LIST);

export const expectationsSchema = z
  .object({
    /** Names every answer taken together must mention. */
    mention: names.optional(),
    /** Names no answer may mention (known inventions). */
    notInvent: names.optional(),
    /** No answer may name anyone or anything the passage does not (entity fidelity: "not in the source"). */
    noNameOutsideSource: z.boolean().optional(),
    /** Regular expressions the answers taken together must match. */
    match: z.array(regexSource).max(100).optional(),
    /** Regular expressions no answer may match. */
    notMatch: z.array(regexSource).max(100).optional(),
    /** Per turn: output tokens, US dollars, milliseconds. */
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().nonnegative().optional(),
    maxLatencyMs: z.number().int().positive().optional(),
  })
  .strict();
export type Expectations = z.infer<typeof expectationsSchema>;

const linesSchema = z.string().regex(/^\d+-\d+$/, 'expected a-b, 1-based and inclusive (e.g. 3-9)');
const idSchema = z.string().regex(/^[\w.-]{1,80}$/, 'letters, digits, _ . - (at most 80)');

const SOURCES = ['text', 'file', 'files', 'dataset'] as const;

/** The language passages are read in (their names found by that language's model): auto or a code. */
const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(auto|[a-z]{2,3})$/, 'auto or a language code such as fr');

/** One of: inline text, a file (with lines a-b), a glob of files, or a JSON Lines dataset. */
const passageSchema = z
  .object({
    id: idSchema.optional(),
    text: z.string().min(1).max(200_000).optional(),
    file: z.string().min(1).optional(),
    lines: linesSchema.optional(),
    files: z.string().min(1).optional(),
    /** JSON Lines: one object per line with the text (textField, default "text"), optionally id and expect. */
    dataset: z.string().min(1).optional(),
    textField: z.string().min(1).optional(),
    language: languageSchema.optional(),
    expect: expectationsSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const given = SOURCES.filter((key) => p[key] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({ code: 'custom', message: `give exactly one of ${SOURCES.join(', ')} (found ${given.join(', ') || 'none'})` });
    if (p.lines !== undefined && p.file === undefined) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'goes with file' });
    if (p.textField !== undefined && p.dataset === undefined)
      ctx.addIssue({ code: 'custom', path: ['textField'], message: 'goes with dataset' });
  });
export type PassageSource = z.infer<typeof passageSchema>;

export const campaignSchema = z
  .object({
    name: idSchema,
    passages: z.array(passageSchema).min(1).max(MAX_LIST),
    scenarios: z.array(z.string().min(1)).min(1).max(100).default(['summarize']),
    models: z.array(z.string().min(1)).min(1).max(100),
    repeats: z.number().int().min(1).max(100).default(1),
    /** Every passage's language unless the passage names its own (default: the front door's setting, else auto). */
    language: languageSchema.optional(),
    expect: expectationsSchema.optional(),
  })
  .strict();
export type Campaign = z.infer<typeof campaignSchema>;

export class CampaignFileError extends SamsaraError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super('CAMPAIGN_FILE', `${file}: ${detail}`);
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(top level)';
}

/** The campaign a file holds, or a CampaignFileError naming the file and each bad field. */
export function parseCampaign(text: string, file: string): Campaign {
  if (Buffer.byteLength(text) > MAX_CAMPAIGN_FILE_BYTES) throw new CampaignFileError(file, `larger than ${MAX_CAMPAIGN_FILE_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CampaignFileError(file, `not valid YAML${where}: ${reason}`);
  }
  const result = campaignSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 10).map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
    throw new CampaignFileError(file, problems.join('; '));
  }
  return result.data;
}
