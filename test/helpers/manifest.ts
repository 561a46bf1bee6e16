// package.json's settings, as the tests read them: contributes.configuration is a list of
// categories (writer-facing first, "Advanced" last); most checks want one table of every setting.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

export interface ManifestProperty {
  default?: unknown;
  minimum?: number;
  maximum?: number;
  order?: number;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  items?: { enum?: string[]; enumDescriptions?: string[] };
}

export interface SettingsCategory {
  id: string;
  title: string;
  order?: number;
  properties: Record<string, ManifestProperty>;
}

/** The settings categories of package.json, in their order. */
export function settingsCategories(): SettingsCategory[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: SettingsCategory[] };
  };
  return manifest.contributes.configuration;
}

/** Every setting of package.json, by key, whatever its category. */
export function manifestProperties(): Record<string, ManifestProperty> {
  return Object.assign({}, ...settingsCategories().map((category) => category.properties)) as Record<string, ManifestProperty>;
}
