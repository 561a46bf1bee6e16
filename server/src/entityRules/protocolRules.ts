// The one place where the rules files (camelCase, one per workspace folder plus the user's) become
// the sidecar's `set_entity_rules` request (snake_case, one list). Workspace files come first, in
// folder order, then the user file: where two files know the same text, the first one's label
// applies. Each known entry sent remembers where it came from, so the sidecar's problems (which
// name an index in the list sent) land on the right line of the right file. An entry with a
// `language` goes only to the pipeline of that language (rulesForLanguage); one without, to all.
import type { Range } from 'vscode-languageserver';
import { StoryBible, type BibleEntry } from '../entities/storyBible';
import type { EntityRuleKnown, EntityRules } from '../protocol/sidecar';
import type { RulesFileContent, RulesProblem } from './rulesFile';
import { patternCost } from './patternCost';
import type { KnownPattern, KnownText } from './rulesSchema';

export interface RulesSource {
  /** file: URI of the rules file. */
  uri: string;
  scope: 'workspace' | 'user';
  content: RulesFileContent;
}

/** Where an entry of the merged `known` list was written. */
export interface KnownOrigin {
  uri: string;
  index: number;
  range: Range;
}

export interface MergedRules {
  rules: EntityRules;
  /** origins[i]: the file and entry of rules.known[i]. */
  origins: KnownOrigin[];
  /** languages[i]: the only language rules.known[i] applies in (undefined: every language). */
  languages: (string | undefined)[];
  /** Found while merging (an entry written twice in one file, a name two entries claim), by file URI. */
  problems: { uri: string; problem: RulesProblem }[];
  /** The known text entries as the story bible: names, aliases, notes, where each is written. */
  bible: StoryBible;
}

/** How texts compare in the sidecar's ignore list: case-insensitive, runs of whitespace as one space. */
export function normaliseRuleText(text: string): string {
  return text.trim().split(/\s+/).join(' ');
}

export function toProtocolEntry(rule: KnownText | KnownPattern): EntityRuleKnown {
  if ('text' in rule) {
    return rule.caseInsensitive === undefined
      ? { label: rule.label, text: rule.text }
      : { label: rule.label, text: rule.text, case_insensitive: rule.caseInsensitive };
  }
  return { label: rule.label, pattern: rule.pattern };
}

/** What makes two known entries the same rule (their label aside): the same name in another language is another rule. */
function ruleKey(rule: KnownText | KnownPattern): string {
  const language = rule.language ?? '*';
  if ('text' in rule) {
    const text = normaliseRuleText(rule.text);
    return `${language}:${rule.caseInsensitive ? `i:${text.toLowerCase()}` : `s:${text}`}`;
  }
  return `${language}:p:${JSON.stringify(rule.pattern)}`;
}

/** The rules the pipeline of `language` applies, with where each entry came from: entries of other languages left out. */
export function rulesForLanguage(
  merged: Pick<MergedRules, 'rules' | 'origins' | 'languages'>,
  language: string,
): { rules: EntityRules; origins: KnownOrigin[] } {
  const keep = merged.languages.map((only) => only === undefined || only === language);
  const rules: EntityRules = { known: merged.rules.known.filter((_, i) => keep[i]) };
  if (merged.rules.ignore) rules.ignore = merged.rules.ignore;
  return { rules, origins: merged.origins.filter((_, i) => keep[i]) };
}

export interface MergeOptions {
  /**
   * REGEX and FUZZY predicates in a workspace's file run (they can backtrack for minutes on one
   * token): only when the workspace is trusted and the user allowed it in their own settings
   * (`samsara.entities.allowWorkspaceRegex`, which a restricted workspace always reads as false).
   */
  allowWorkspaceRegex?: boolean;
}

export const WORKSPACE_REGEX_REFUSED =
  'uses REGEX or FUZZY, which a workspace rules file may not run (a regex can stall analysis): the entry is skipped. ' +
  'In a trusted workspace, your user setting samsara.entities.allowWorkspaceRegex allows them; your own rules file (samsara.entities.userFile) may use them';

export function mergeRules(sources: readonly RulesSource[], options: MergeOptions = {}): MergedRules {
  const known: EntityRuleKnown[] = [];
  const origins: KnownOrigin[] = [];
  const languages: (string | undefined)[] = [];
  const problems: MergedRules['problems'] = [];
  const seen = new Map<string, { uri: string; line: number }>();
  const texts = new Map<string, string>();
  const labels = new Set<string>();
  const entries: BibleEntry[] = [];
  for (const source of sources) {
    for (const entry of source.content.known) {
      const rule = entry.value;
      if ('text' in rule) entries.push(bibleEntry(rule, { uri: source.uri, index: entry.index, range: entry.range }));
      if (
        source.scope === 'workspace' &&
        !options.allowWorkspaceRegex &&
        'pattern' in entry.value &&
        patternCost(entry.value.pattern).matching
      ) {
        const problem = {
          path: `known[${entry.index}].pattern`,
          message: WORKSPACE_REGEX_REFUSED,
          severity: 'error' as const,
          range: entry.range,
        };
        problems.push({ uri: source.uri, problem });
        continue;
      }
      const key = ruleKey(entry.value);
      const first = seen.get(key);
      if (first) {
        // Across files the earlier file wins quietly (a workspace's entry over the user's); within
        // a file the second entry is a mistake worth pointing at.
        if (first.uri === source.uri) {
          problems.push({
            uri: source.uri,
            problem: {
              path: `known[${entry.index}]`,
              message: `the same ${'text' in entry.value ? 'text' : 'pattern'} as the entry at line ${first.line + 1}, which applies`,
              severity: 'warning',
              range: entry.range,
            },
          });
        }
        continue;
      }
      seen.set(key, { uri: source.uri, line: entry.range.start.line });
      known.push(toProtocolEntry(entry.value));
      origins.push({ uri: source.uri, index: entry.index, range: entry.range });
      languages.push(rule.language);
      // Each alias is a name the sidecar must recognise too, with the entry's label; its problems
      // point at the entry.
      if ('text' in rule) {
        for (const alias of rule.aliases ?? []) {
          const text = typeof alias === 'string' ? alias : alias.text;
          const caseInsensitive = typeof alias === 'string' ? rule.caseInsensitive : (alias.caseInsensitive ?? rule.caseInsensitive);
          const aliasRule: KnownText = { text, label: rule.label };
          if (caseInsensitive !== undefined) aliasRule.caseInsensitive = caseInsensitive;
          if (rule.language !== undefined) aliasRule.language = rule.language;
          const aliasKey = ruleKey(aliasRule);
          if (seen.has(aliasKey)) continue;
          seen.set(aliasKey, { uri: source.uri, line: entry.range.start.line });
          known.push(toProtocolEntry(aliasRule));
          origins.push({ uri: source.uri, index: entry.index, range: entry.range });
          languages.push(rule.language);
        }
      }
    }
    for (const { value } of source.content.ignoreTexts) {
      const key = normaliseRuleText(value).toLowerCase();
      if (!texts.has(key)) texts.set(key, normaliseRuleText(value));
    }
    for (const { value } of source.content.ignoreLabels) labels.add(value.trim());
  }
  const rules: EntityRules = { known };
  if (texts.size > 0 || labels.size > 0) rules.ignore = { texts: [...texts.values()], labels: [...labels] };
  const bible = new StoryBible(entries);
  for (const conflict of bible.conflicts) {
    const message = conflict.keptBy
      ? `"${conflict.text}" is the name of the entry "${conflict.keptBy}": as an alias here it is not counted for this entry`
      : `"${conflict.text}" is an alias of ${conflict.refused.map((id) => `"${id}"`).join(' and ')}: its mentions are counted for neither`;
    for (const where of conflict.sources)
      problems.push({ uri: where.uri, problem: { path: 'aliases', message, severity: 'warning', range: where.range } });
  }
  return { rules, origins, languages, problems, bible };
}

function bibleEntry(rule: KnownText, source: BibleEntry['source']): BibleEntry {
  const entry: BibleEntry = {
    id: rule.id ?? normaliseRuleText(rule.text),
    name: normaliseRuleText(rule.text),
    label: rule.label,
    aliases: (rule.aliases ?? []).map((alias) => normaliseRuleText(typeof alias === 'string' ? alias : alias.text)),
    source,
  };
  if (rule.notes !== undefined && rule.notes.trim() !== '') entry.notes = rule.notes;
  return entry;
}

/** Labels the known entries give (some may be labels the model does not have). */
export function ruleLabels(rules: EntityRules): string[] {
  return [...new Set(rules.known.map((entry) => entry.label))];
}
