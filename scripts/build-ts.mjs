// Bundles the extension client, the language server and the command line with esbuild into dist/.
// `vscode` stays external (the editor provides it); the server and CLI bundles are self-contained
// so that `node dist/server.js --stdio` runs under any LSP client and `node dist/cli.js` anywhere.
// OpenAI's tokenizer ranks (3–4 MB) go into their own dist/tokenizer.js, which the server and the
// CLI require on first use only (server/src/probes/tokens.ts). So do eld's language n-grams (~1 MB,
// dist/eld.js) and Asciidoctor.js (~0.8 MB, dist/asciidoctor.js): inlined, V8 parsed them at every
// server start although most sessions never use them (100 → 30 ms of compile, measured; it was on
// the cold start's path, before the server can start the model). Targets Node 20: VS Code 1.101+
// runs extensions on Node 22, which runs Node 20 code too.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
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
  // The ES module build of web-tree-sitter reads import.meta.url, which a CommonJS bundle lacks.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

/** The tokenizer module is loaded from the sibling bundle at run time, not inlined. */
const tokenizerOutside = {
  name: 'tokenizer-outside',
  setup(b) {
    b.onResolve({ filter: /\/tokenizer\/openaiTokenizer$/ }, () => ({ path: './tokenizer.js', external: true }));
  },
};

/** Packages loaded on first use from sibling bundles (their own builds below), not inlined. */
const OUTSIDE = { 'eld/extrasmall': './eld.js', '@asciidoctor/core': './asciidoctor.js' };
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^(eld\/extrasmall|@asciidoctor\/core)$/ }, (args) => ({ path: OUTSIDE[args.path], external: true }));
  },
};

/**
 * eld's n-grams as a JSON string parsed at load, not as the package's object literal: V8 compiles
 * a 1 MB literal into far more memory than JSON.parse builds the same objects with (the server's
 * resident memory grew 89 MB on loading eld, 27 MB this way; measured), and the server keeps it.
 */
const eldNgramsAsJson = {
  name: 'eld-ngrams-as-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]eld[\\/]src[\\/]ngrams[\\/]extrasmall\.js$/ }, async (args) => {
      const { ngramsData } = await import(pathToFileURL(args.path).href);
      return { contents: `export const ngramsData = JSON.parse(${JSON.stringify(JSON.stringify(ngramsData))});`, loader: 'js' };
    });
  },
};

const builds = [
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [tokenizerOutside, packagesOutside] }),
  // The sibling bundles: eld's ES module as CommonJS with its named exports, Asciidoctor's factory as module.exports.
  build({
    ...common,
    stdin: { contents: "export * from 'eld/extrasmall';", resolveDir: '.', loader: 'js' },
    outfile: 'dist/eld.js',
    sourcemap: false,
    plugins: [eldNgramsAsJson],
  }),
  build({
    ...common,
    stdin: { contents: "module.exports = require('@asciidoctor/core');", resolveDir: '.', loader: 'js' },
    outfile: 'dist/asciidoctor.js',
    sourcemap: false,
  }),
  // gpt-tokenizer exports its CommonJS files under the `require` condition only.
  build({
    ...common,
    entryPoints: ['server/src/probes/tokenizer/openaiTokenizer.ts'],
    outfile: 'dist/tokenizer.js',
    sourcemap: false,
    conditions: ['require'],
  }),
];
if (existsSync('cli/src/main.ts')) {
  builds.push(
    build({
      ...common,
      entryPoints: ['cli/src/main.ts'],
      outfile: 'dist/cli.js',
      plugins: [tokenizerOutside, packagesOutside],
      banner: { js: '#!/usr/bin/env node' },
    }),
  );
}
await Promise.all(builds);
// The LaTeX, reStructuredText and Typst parsers are WebAssembly the server reads beside its bundle
// (server/src/text/formats/parsers.ts names them).
mkdirSync('dist', { recursive: true });
for (const [from, name] of [
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['node_modules/@cursorless/tree-sitter-wasms/out/tree-sitter-latex.wasm', 'tree-sitter-latex.wasm'],
  ['node_modules/tree-sitter-rst/tree-sitter-rst.wasm', 'tree-sitter-rst.wasm'],
  ['node_modules/codemirror-lang-typst/wasm/typst_syntax_bg.wasm', 'typst_syntax_bg.wasm'],
  // .mjs: an ES module, and dist/ is under a package.json without "type": "module".
  ['node_modules/codemirror-lang-typst/wasm/typst_syntax_bg.js', 'typst_syntax_bg.mjs'],
])
  copyFileSync(from, `dist/${name}`);
console.log(
  `built dist/client.js, dist/server.js, dist/tokenizer.js, dist/eld.js, dist/asciidoctor.js${builds.length > 5 ? ', dist/cli.js' : ''}`,
);
