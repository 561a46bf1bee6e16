// Where the entity rules of a folder come from for the command line: its `.samsara/entities.yaml`
// (or .yml/.json), read and merged by the same code as the language server's (server/src/
// entityRules/rulesReloader). Problems in the file are returned to be reported; the valid entries apply.
import { pathToFileURL } from 'node:url';
import { StoryBible } from '../entities/storyBible';
import type { EntityRules } from '../protocol/sidecar';
import { mergeRules, rulesForLanguage } from '../entityRules/protocolRules';
import { parseRulesFile } from '../entityRules/rulesFile';
import { existingRulesFile, readRulesFile } from '../entityRules/rulesSources';

export interface FolderRules {
  rules: EntityRules;
  file: string;
  /** One line per skipped entry: file, line and why. */
  problems: string[];
  /** Its entries as the story bible (names, aliases, notes). */
  bible: StoryBible;
  /** The rules the pipeline of `language` applies: entries for other languages left out. */
  rulesFor(language: string): EntityRules;
}

/** The rules of `folder`, or undefined when it has no rules file. */
export async function entityRulesFor(folder: string): Promise<FolderRules | undefined> {
  const file = await existingRulesFile(folder);
  if (!file) return undefined;
  const read = await readRulesFile(file);
  if ('missing' in read) return undefined;
  if ('problem' in read)
    return {
      rules: { known: [] },
      file,
      problems: [`${file}: ${read.problem.message}`],
      bible: StoryBible.EMPTY,
      rulesFor: () => ({ known: [] }),
    };
  const content = parseRulesFile(read.text);
  const merged = mergeRules([{ uri: pathToFileURL(file).toString(), scope: 'workspace', content }]);
  const problems = [...content.problems, ...merged.problems.map((p) => p.problem)].map(
    (problem) => `${file}:${problem.range.start.line + 1}: ${problem.message}`,
  );
  return { rules: merged.rules, file, problems, bible: merged.bible, rulesFor: (language) => rulesForLanguage(merged, language).rules };
}
