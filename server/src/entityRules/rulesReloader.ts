// Keeps the sidecar on the rules the files say, and the files' problems in view. A reload (at start,
// when a watched file changes, after a code action's edit, on request) reads every rules file,
// merges them, sends them to the sidecar pool (which applies them to every worker, now and after
// every restart), shows each file's problems in the file, and tells the cache which blocks the
// change can affect, so only those are analysed again. Reloads run one at a time; reloads asked
// for while one runs become a single next one. The primary pool gets the entries for its
// language (and those without one); the pools of other languages ask `rulesFor` theirs, and the
// entries their pipelines skip are shown in the files too, naming the language.
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver';
import { StoryBible } from '../entities/storyBible';
import type { Logger } from '../logger';
import { languageName } from '../pipelines/catalogue';
import type { EntityRules, EntityRulesData, EntityRulesProblem } from '../protocol/sidecar';
import type { EntityRulesStats } from '../../../shared/lsp';
import { mergeRules, ruleLabels, rulesForLanguage, type KnownOrigin, type MergedRules, type RulesSource } from './protocolRules';
import { ruleChange, type RuleChange } from './ruleChange';
import { parseRulesFile, type RulesFileContent } from './rulesFile';
import { ProblemsByFile, toDiagnostic } from './rulesProblems';
import { findRulesFiles, readRulesFile, userRulesPath } from './rulesSources';

export interface RulesReloaderDeps {
  /** file: URIs of the workspace folders. */
  folders(): Promise<readonly string[]>;
  /** The `samsara.entities.userFile` setting. */
  userFileSetting(): Promise<string>;
  /** The user's `samsara.entities.allowWorkspaceRegex` (false in a restricted workspace); absent: false. */
  allowWorkspaceRegex?(): Promise<boolean>;
  /** Sends the rules to the sidecar pool; resolves with its answer. */
  apply(rules: EntityRules): Promise<EntityRulesData>;
  /** The language of the primary pool's pipeline (absent: English): entries for others are not sent to it. */
  language?(): string;
  /** The entries of some language changed: the pools of other languages take theirs again (rulesFor). */
  languageRulesChanged?(): void;
  /** The sidecar applies new rules (their hash): the cache carries over what `change` cannot affect. */
  rulesChanged(hash: string | null, change: RuleChange): void;
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  /** The story bible changed (names, aliases, notes) while the rules sent to the sidecar may not have. */
  bibleChanged?(bible: StoryBible): void;
  log: Logger;
}

export class RulesReloader {
  private applied: { rules: EntityRules; hash: string | null } | undefined;
  /** The last content of each file that could be read: a file mid-edit that does not parse keeps it. */
  private readonly lastReadable = new Map<string, RulesFileContent>();
  private readonly withDiagnostics = new Set<string>();
  /** The sidecar's problems with the rules in effect (they stand while the rules do). */
  private sidecarProblems: EntityRulesData['problems'] = [];
  /** The same from the pools of other languages, by language code (each with the entries sent to it). */
  private readonly routedProblems = new Map<string, EntityRulesProblem[]>();
  /** What the last reload found in the files, before any language model's problems. */
  private found: { problems: ProblemsByFile; sources: readonly RulesSource[]; origins: readonly KnownOrigin[] } | undefined;
  private currentBible = StoryBible.EMPTY;
  /** The language whose entries the primary pool was given. */
  private appliedLanguage: string | undefined;
  private merged: Pick<MergedRules, 'rules' | 'origins' | 'languages'> = { rules: { known: [] }, origins: [], languages: [] };
  private running: Promise<void> | undefined;
  private pending: Promise<void> | undefined;
  /** What samsara/stats reports of the rules: the contract's shape (shared/lsp.ts). */
  readonly stats: EntityRulesStats = { hash: null, files: [], known: 0, applied: 0, problems: 0, reloads: 0, lastApplyMs: 0 };

  constructor(private readonly deps: RulesReloaderDeps) {}

  /** The rules in effect (as sent to the sidecar). */
  get rules(): EntityRules {
    return this.applied?.rules ?? { known: [] };
  }

  /**
   * The primary pool is ready, perhaps with a pipeline of another language than the one its
   * rules were chosen for (the first reload runs before any pool has said its pipeline).
   */
  primaryReady(): void {
    if (this.appliedLanguage !== undefined && this.appliedLanguage !== (this.deps.language?.() ?? 'en'))
      void this.reload('the language model changed');
  }

  /**
   * A pool of another language took its rules: the entries its pipeline skipped are shown in the
   * rules files, naming the language (its problems replace the ones it gave before).
   */
  routedRulesApplied(language: string, problems: EntityRulesProblem[]): void {
    if (problems.length === 0 && !this.routedProblems.has(language)) return;
    if (problems.length === 0) this.routedProblems.delete(language);
    else this.routedProblems.set(language, problems);
    this.publishFound();
  }

  /** The rules the pipeline of `language` applies (entries without a language, and those for it). */
  rulesFor(language: string): EntityRules {
    return rulesForLanguage(this.merged, language).rules;
  }

  /** The story bible of the rules files read last (entries, aliases, notes). */
  get bible(): StoryBible {
    return this.currentBible;
  }

  /** Labels the rules give, beside the model's (in every language: the legend serves every document). */
  get labels(): string[] {
    return ruleLabels(this.merged.rules);
  }

  /** Reads the files again and applies what changed; resolves once applied. */
  reload(reason: string): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.running) {
      this.running = this.run(reason).finally(() => (this.running = undefined));
      return this.running;
    }
    const after = this.running;
    this.pending = after.then(() => {
      this.pending = undefined;
      return this.reload(reason);
    });
    return this.pending;
  }

  /** A reload never rejects: whatever a file does, the server keeps serving (issue 20, attack 3). */
  private async run(reason: string): Promise<void> {
    try {
      await this.runOnce(reason);
    } catch (error) {
      this.deps.log.error(`Entity rules (${reason}): the reload failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async runOnce(reason: string): Promise<void> {
    const started = performance.now();
    this.stats.reloads += 1;
    const problems = new ProblemsByFile();
    const sources = await this.readSources(problems);
    const merged = mergeRules(sources, { allowWorkspaceRegex: (await this.deps.allowWorkspaceRegex?.()) ?? false });
    for (const { uri, problem } of merged.problems) problems.add(uri, problem);
    this.stats.files = sources.map((s) => s.uri);
    if (!isDeepStrictEqual(this.currentBible.entries, merged.bible.entries)) {
      this.currentBible = merged.bible;
      this.deps.bibleChanged?.(merged.bible);
    }
    this.stats.known = merged.rules.known.length;
    const before = this.merged;
    this.merged = { rules: merged.rules, origins: merged.origins, languages: merged.languages };
    // Told after the primary pool has its rules: the documents analysed again on it must not be
    // answered with the rules being replaced (nor tell the client their entities changed early).
    const languagesChanged = !isDeepStrictEqual(before.rules, merged.rules) || !isDeepStrictEqual(before.languages, merged.languages);
    const language = this.deps.language?.() ?? 'en';
    this.appliedLanguage = language;
    const primary = rulesForLanguage(merged, language);
    const empty = primary.rules.known.length === 0 && !primary.rules.ignore;
    if (!this.applied && empty) {
      // A sidecar starts without rules: nothing to send.
      this.applied = { rules: primary.rules, hash: null };
    } else if (!this.applied || !isDeepStrictEqual(this.applied.rules, primary.rules)) {
      let answer: EntityRulesData;
      try {
        answer = await this.deps.apply(primary.rules);
      } catch (error) {
        const message = `The sidecar did not take the entity rules (${reason}): ${error instanceof Error ? error.message : String(error)}`;
        this.deps.log.error(message);
        if (languagesChanged) this.routedProblems.clear();
        if (languagesChanged) this.deps.languageRulesChanged?.();
        // The rules it refused before no longer stand; the files' own problems do.
        this.sidecarProblems = [];
        this.found = { problems, sources, origins: primary.origins };
        this.publishFound();
        return;
      }
      this.sidecarProblems = answer.problems;
      const previous = this.applied;
      this.applied = { rules: primary.rules, hash: answer.rules };
      this.stats.hash = answer.rules;
      this.stats.applied = answer.applied;
      this.stats.lastApplyMs = performance.now() - started;
      if (previous?.hash !== answer.rules) {
        const change = ruleChange(previous?.rules, primary.rules);
        this.deps.log.info(
          `Entity rules ${answer.rules ?? '(none)'} (${reason}): ${answer.applied} of ${primary.rules.known.length} known entries applied from ` +
            `${sources.length} file(s); analysing again ${change.describe()}`,
        );
        this.deps.rulesChanged(answer.rules, change);
      }
    }
    // The other pools' problems named entries of the rules before: they answer again (routedRulesApplied).
    if (languagesChanged) this.routedProblems.clear();
    this.found = { problems, sources, origins: primary.origins };
    if (languagesChanged) this.deps.languageRulesChanged?.();
    this.publishFound();
  }

  /** The files' own problems, the primary pool's, then each other language's (an entry refused twice is said once). */
  private publishFound(): void {
    if (!this.found) return;
    const problems = this.found.problems.copy();
    problems.addSidecar(this.sidecarProblems, this.found.origins);
    for (const [language, skipped] of this.routedProblems)
      problems.addSidecar(skipped, rulesForLanguage(this.merged, language).origins, languageName(language));
    this.publish(problems, this.found.sources);
  }

  private async readSources(problems: ProblemsByFile): Promise<RulesSource[]> {
    const userFile = userRulesPath(await this.deps.userFileSetting());
    const refs = await findRulesFiles(await this.deps.folders(), userFile);
    const sources: RulesSource[] = [];
    for (const ref of refs) {
      const read = await readRulesFile(ref.path, ref.root);
      if ('missing' in read) continue;
      if ('problem' in read) {
        problems.add(ref.uri, read.problem);
        continue;
      }
      let content = parseRulesFile(read.text);
      problems.add(ref.uri, ...content.problems);
      const before = this.lastReadable.get(ref.uri);
      if (content.readable) this.lastReadable.set(ref.uri, content);
      else if (before) {
        this.deps.log.warn(`${ref.path} does not parse: the rules it held before stay in effect until it does`);
        content = { ...before, problems: content.problems };
      }
      sources.push({ uri: ref.uri, scope: ref.scope, content });
    }
    return sources;
  }

  private publish(problems: ProblemsByFile, sources: readonly RulesSource[]): void {
    this.stats.problems = problems.count;
    for (const line of problems.lines((uri) => decodeURIComponent(uri.replace(/^file:\/\//, ''))))
      this.deps.log.warn(`Entity rules: ${line}`);
    const uris = new Set([...problems.byUri.keys(), ...sources.map((s) => s.uri)]);
    for (const uri of [...this.withDiagnostics]) if (!uris.has(uri)) uris.add(uri);
    for (const uri of uris) {
      const list = problems.byUri.get(uri) ?? [];
      if (list.length === 0 && !this.withDiagnostics.has(uri)) continue;
      this.deps.publishDiagnostics(uri, list.map(toDiagnostic));
      if (list.length > 0) this.withDiagnostics.add(uri);
      else this.withDiagnostics.delete(uri);
    }
  }
}
