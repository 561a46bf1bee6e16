// Samsara's version: the server's serverInfo, every transcript, the command line's --version.
// Read from the manifest at build time (esbuild inlines the JSON), so no bundle needs a file
// next to it.
import manifest from '../package.json';

export const SAMSARA_VERSION: string = manifest.version;
