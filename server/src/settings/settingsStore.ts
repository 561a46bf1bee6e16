// Where settings come from: pulled per resource through `workspace/configuration` (cached per
// document until the next didChangeConfiguration), or, for clients that cannot be asked, the
// last `settings.samsara` they pushed, else the defaults.
import type { Connection } from 'vscode-languageserver';
import type { Logger } from '../logger';
import { canonicalLanguageId } from '../text/languages';
import { getConfigurationWithin } from './configurationRequest';
import { languageOverride, overrideSection } from './languageOverride';
import { defaultSettings, SettingsValidator, type SamsaraSettings } from './settings';

export class SettingsStore {
  private readonly validator: SettingsValidator;
  private readonly perDocument = new Map<string, Promise<SamsaraSettings>>();
  /** samsara.language per document and editor language (its override block asked beside its settings). */
  private readonly languages = new Map<string, Promise<string>>();
  private pushed: unknown = undefined;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    private readonly canPull: boolean,
  ) {
    this.validator = new SettingsValidator(log);
  }

  /** Settings of one document (resource scope). */
  forDocument(uri: string): Promise<SamsaraSettings> {
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /**
   * samsara.language for a document of `languageId`: its editor language's override
   * (`[markdown]`) where one is set, else the document's own value (languageOverride.ts).
   */
  languageFor(uri: string, languageId: string): Promise<string> {
    const id = canonicalLanguageId(languageId);
    const key = `${id}\0${uri}`;
    let language = this.languages.get(key);
    if (!language) {
      language = this.pullLanguage(uri, id);
      this.languages.set(key, language);
    }
    return language;
  }

  private async pullLanguage(uri: string, languageId: string): Promise<string> {
    // A client that only pushes settings sends no override blocks: its value stands.
    const block = this.canPull
      ? getConfigurationWithin(this.connection, { scopeUri: uri, section: overrideSection(languageId) }).catch(() => undefined)
      : undefined;
    const [settings, override] = await Promise.all([this.forDocument(uri), block]);
    return languageOverride(override) ?? settings.language;
  }

  /** Settings without a resource: the sidecar's and other window-scoped ones. */
  global(): Promise<SamsaraSettings> {
    return this.pull(undefined);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
    for (const key of [...this.languages.keys()]) if (key.endsWith(`\0${uri}`)) this.languages.delete(key);
  }

  /** didChangeConfiguration: drop what was pulled; keep what a push-only client sent. */
  changed(settingsParam: unknown): void {
    this.perDocument.clear();
    this.languages.clear();
    this.validator.forgetReports();
    if (!this.canPull && typeof settingsParam === 'object' && settingsParam !== null && 'samsara' in settingsParam) {
      this.pushed = (settingsParam as { samsara: unknown }).samsara;
    }
  }

  private async pull(scopeUri: string | undefined): Promise<SamsaraSettings> {
    if (!this.canPull) {
      return this.pushed === undefined ? defaultSettings() : this.validator.parse(this.pushed, 'didChangeConfiguration');
    }
    try {
      // Bounded: a client that never answers gets the defaults (logged once), not a stalled server.
      const section = await getConfigurationWithin(
        this.connection,
        scopeUri === undefined ? { section: 'samsara' } : { scopeUri, section: 'samsara' },
      );
      return this.validator.parse(section, scopeUri === undefined ? 'workspace/configuration' : `workspace/configuration for ${scopeUri}`);
    } catch (error) {
      this.log.warn(
        `workspace/configuration failed (${error instanceof Error ? error.message : String(error)}); using the default settings`,
      );
      return defaultSettings();
    }
  }
}
