// Bundles the extension client and the language server with esbuild into dist/.
// `vscode` stays external (the editor provides it); the server bundle is self-contained so that
// `node dist/server.js --stdio` runs under any LSP client. Targets Node 20: VS Code 1.101+ runs
// extensions on Node 22, which runs Node 20 code too.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: !watch,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
]);
console.log('built dist/client.js and dist/server.js');
