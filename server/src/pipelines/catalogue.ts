// The catalogue of spaCy pipelines Samsara can fetch (catalogue.json, checked into the
// repository): one row per official pipeline with named entities that the bundled spaCy (3.8)
// loads, with the wheel's official sha256 where it could be verified. A row without a checksum
// is never downloaded: the writer installs it from a file instead.
import { z } from 'zod';
import raw from './catalogue.json';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');

export const CatalogueRowSchema = z.object({
  name: z.string().regex(/^[a-z]{2}_[a-z]+_[a-z]+_[a-z]+$/),
  language: z.string().regex(/^[a-z]{2}$/),
  languageName: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  sizeBytes: z.number().int().positive().nullable(),
  sha256: Sha256.nullable(),
  sha256Source: z.string().min(1),
  labels: z.array(z.string().min(1)).min(1),
  licence: z.string().min(1),
  /** Why the bundle cannot run it although spaCy 3.8 can (a tokenizer it does not carry). */
  unsupported: z.string().min(1).optional(),
});
export type CatalogueRow = z.infer<typeof CatalogueRowSchema>;

/**
 * A Python package a language's pipelines need beside the bundle (Japanese: SudachiPy's
 * dictionary, 202 MB unpacked): fetched with the first pipeline of that language, verified like a
 * pipeline, unpacked whole into the store's `.support/` folder, which the sidecar puts on its path.
 */
export const SupportPackageSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  version: z.string().regex(/^[0-9][0-9A-Za-z.]*$/),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  /** For messages: "the Japanese dictionary". */
  what: z.string().min(1),
  /** The code the bundle must carry to use it (its `<module>-X.Y.Z.dist-info` is looked for). */
  bundleModule: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Its name for writers: "SudachiPy". */
  bundleModuleName: z.string().min(1),
  url: z.string().url().startsWith('https://'),
  sizeBytes: z.number().int().positive(),
  unpackedBytes: z.number().int().positive(),
  sha256: Sha256,
  sha256Source: z.string().min(1),
  licence: z.string().min(1),
});
export type SupportPackage = z.infer<typeof SupportPackageSchema>;

export const CatalogueSchema = z.object({
  spacyVersion: z.string().regex(/^\d+\.\d+$/),
  releaseUrl: z.string().includes('{name}').includes('{version}'),
  pipelines: z.array(CatalogueRowSchema).min(1),
  supportPackages: z.array(SupportPackageSchema).default([]),
});
export type Catalogue = z.infer<typeof CatalogueSchema>;

export const CATALOGUE: Catalogue = CatalogueSchema.parse(raw);

/** The wheel's file name, as spaCy publishes it. */
export function wheelName(row: Pick<CatalogueRow, 'name' | 'version'>): string {
  return `${row.name}-${row.version}-py3-none-any.whl`;
}

/**
 * Where the wheel is fetched from: spaCy's release location, or under `mirror` (a base URL from
 * the user's settings) as `<mirror>/<name>-<version>/<wheel>`, the layout of the release assets.
 */
export function downloadUrl(row: Pick<CatalogueRow, 'name' | 'version'>, mirror?: string, catalogue: Catalogue = CATALOGUE): string {
  if (mirror) return `${mirror.replace(/\/+$/, '')}/${row.name}-${row.version}/${wheelName(row)}`;
  return catalogue.releaseUrl.replaceAll('{name}', row.name).replaceAll('{version}', row.version);
}

/** What a language's pipelines need beside the bundle (nothing for most). */
export function supportFor(language: string, catalogue: Catalogue = CATALOGUE): SupportPackage[] {
  return catalogue.supportPackages.filter((pkg) => pkg.languages.includes(language));
}

/** A support package's wheel: its official URL, or `<mirror>/<name>-<version>/<wheel>` as for pipelines. */
export function supportUrl(pkg: SupportPackage, mirror?: string): string {
  if (mirror) return `${mirror.replace(/\/+$/, '')}/${pkg.name}-${pkg.version}/${wheelName(pkg)}`;
  return pkg.url;
}

/**
 * The pipeline a language gets by default: its verifiable sm, else its verifiable md, else its
 * smallest (not downloadable). A verified lg alone (Chinese's, 575 MB) is not offered unasked: the
 * writer finds it in the Manage list, or installs a smaller one from a file.
 */
export function defaultPipelineFor(language: string, catalogue: Catalogue = CATALOGUE): CatalogueRow | undefined {
  const rows = catalogue.pipelines.filter((row) => row.language === language && !row.unsupported);
  const sized = (size: string) => (row: CatalogueRow) => row.name.endsWith(`_${size}`);
  const verified = rows.filter((row) => row.sha256 !== null);
  return verified.find(sized('sm')) ?? verified.find(sized('md')) ?? rows.find(sized('sm')) ?? rows[0];
}

export function catalogueRow(name: string, catalogue: Catalogue = CATALOGUE): CatalogueRow | undefined {
  return catalogue.pipelines.find((row) => row.name === name);
}

/** Language code -> its name in English ("fr" -> "French"), for messages and the status item. */
export function languageName(code: string, catalogue: Catalogue = CATALOGUE): string {
  return catalogue.pipelines.find((row) => row.language === code)?.languageName ?? code;
}
