// Lint config: typescript-eslint's recommended rules, with `any` forbidden outright, and the
// house's boundaries (ARCHITECTURE.md, "Rooms"): which side and which room may import which.
// Import circles are checked by scripts/import-cycles.mjs (also run by `npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import specifiers that reach into a side of the tree, wherever the importing file sits.
const SIDE = {
  client: { regex: '(^|/)client/src(/|$)', message: 'Only the editor extension imports client/src; share code through shared/.' },
  server: { regex: '(^|/)server/src(/|$)', message: 'The language server is reached over LSP; share code through shared/.' },
  cli: { regex: '(^|/)cli/src(/|$)', message: 'Nothing imports the CLI; share code through shared/ or the engine.' },
};
const VSCODE = { name: 'vscode', message: 'The editor API exists only in the extension host (client/src).' };

// The engine rooms of the server (text, sidecar, protocol, analysis, entities) know nothing of LSP
// handlers: they must not import the rooms above them, nor the LSP connection. Types of the LSP
// wire (Range, Diagnostic, CancellationToken…) are plain data and stay allowed.
const ENGINE_ROOMS = ['text', 'sidecar', 'protocol', 'analysis', 'entities'].map((room) => `server/src/${room}/**/*.ts`);
const ABOVE_ENGINE = {
  regex: '^(\\.\\./)+(features|workspace|probes|entityRules|doctor)(/|$)',
  message:
    'Engine rooms (text, sidecar, protocol, analysis, entities) do not import features, workspace, probes, entityRules or doctor: pass what they need in, or move the code down.',
};
const SERVER_WIRING = {
  regex: '^(\\.\\./)+(server|commands|serverLog)$',
  message: 'Engine rooms do not import the server wiring (the LSP connection lives in server.ts).',
};
const LSP_CONNECTION = ['vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({
  name,
  allowTypeImports: true,
  message: 'Engine rooms do not use the LSP connection; `import type` of LSP data types is fine.',
}));

/** A `no-restricted-imports` entry for `files`, forbidding these patterns and paths. */
function boundary(files, patterns, paths = []) {
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'python-dist/**', 'node_modules/**', '.cache/**', 'build/**', 'python-src/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // Later entries replace earlier ones for the same file, so each lists everything it forbids.
  boundary(['client/src/**/*.ts'], [SIDE.server, SIDE.cli]),
  boundary(['shared/**/*.ts'], [SIDE.client, SIDE.server, SIDE.cli], [VSCODE]),
  boundary(['cli/src/**/*.ts'], [SIDE.client], [VSCODE]),
  boundary(['server/src/**/*.ts'], [SIDE.client, SIDE.cli], [VSCODE]),
  boundary(ENGINE_ROOMS, [SIDE.client, SIDE.cli, ABOVE_ENGINE, SERVER_WIRING], [VSCODE, ...LSP_CONNECTION]),
);
