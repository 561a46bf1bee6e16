// samsara.language as an editor-language override sets it (`"[markdown]": { "samsara.language":
// "fr" }`). An LSP configuration request carries a resource but no editor language, so VS Code
// answers it without language overrides; the override block is asked for as a section of its
// own (`[markdown]`) and read here. In VS Code an editor-language value wins over a folder's.
import { lookup } from './settings';

const LANGUAGE_VALUE = /^(auto|[a-z]{2,3})$/;

/** The section holding an editor language's overrides. */
export function overrideSection(languageId: string): string {
  return `[${languageId}]`;
}

/** The samsara.language an override block gives; undefined when it gives none or no valid one (the setting's pattern). */
export function languageOverride(block: unknown): string | undefined {
  const value = lookup(block, 'samsara.language');
  if (typeof value !== 'string') return undefined;
  const normalised = value.trim().toLowerCase();
  return LANGUAGE_VALUE.test(normalised) ? normalised : undefined;
}
