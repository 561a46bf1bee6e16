// Samsara's version, recorded in every transcript. Read from the manifest at build time
// (esbuild inlines the JSON), so the bundled server needs no file next to it.
import manifest from '../../../package.json';

export const SAMSARA_VERSION: string = manifest.version;
