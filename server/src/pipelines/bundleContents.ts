// What the language model program carries beyond spaCy, read from its bundle: PyInstaller copies
// a package's `<name>-X.Y.Z.dist-info` folder into `_internal/` beside the program when the build
// asks for its metadata (python-src/samsara.spec does for SudachiPy). Japanese needs SudachiPy,
// which has no wheels for Windows on ARM or Alpine: those bundles go without it, and a Japanese
// pipeline is refused there before anything is downloaded, instead of failing in every document.
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The names in the `_internal/` folder beside `program` (its dist-info folders among them); undefined without that layout. */
export async function bundleInternals(program: string | undefined): Promise<string[] | undefined> {
  if (!program) return undefined;
  try {
    return await readdir(join(dirname(program), '_internal'));
  } catch {
    return undefined; // a program built another way (a custom path): its handshake or first load will tell
  }
}

/** Whether the bundle holding `program` carries `module`; undefined when there is no bundle layout to read. */
export async function bundleCarries(program: string | undefined, module: string): Promise<boolean | undefined> {
  const entries = await bundleInternals(program);
  if (!entries) return undefined;
  const distInfo = new RegExp(`^${module}-\\d[0-9A-Za-z.]*\\.dist-info$`, 'i');
  return entries.some((entry) => distInfo.test(entry));
}

export interface BundleContents {
  /** False only when the bundle is known to lack it. */
  carries(module: string): Promise<boolean>;
}

/** Reads the bundle of the program `program()` names at every question (the setting may change). */
export function bundleContents(program: () => string | undefined): BundleContents {
  return { carries: async (module) => (await bundleCarries(program(), module)) !== false };
}

/** For stores with no program to ask (tests, tools): everything is taken to be there. */
export const ANY_BUNDLE: BundleContents = { carries: async () => true };
