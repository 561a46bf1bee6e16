// The format parsers that come as WebAssembly: tree-sitter (through web-tree-sitter) for LaTeX
// and reStructuredText, and Typst's own syntax crate (typst-syntax, as codemirror-lang-typst ships
// it). Loading WebAssembly is asynchronous, extraction is not: each parser is loaded on the first
// document of its format (`loadFormatParser`, awaited before that document is extracted), so a
// server that only ever sees Markdown or plain text never compiles them (tens of ms at a cold
// start, when the language model loads beside). The CLI and the tests load all of them at once.
// The .wasm files sit beside the bundle in dist/ (scripts/build-ts.mjs copies them there); run
// from source, they are read from the packages that ship them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';
import { TextExtractionError } from '../textErrors';

export type TreeSitterFormat = 'latex' | 'restructuredtext';

/** Where each .wasm comes from: its name in dist/ and its path in the package that ships it. */
export const WASM_FILES = {
  treeSitter: { name: 'web-tree-sitter.wasm', from: ['web-tree-sitter', 'web-tree-sitter.wasm'] },
  latex: { name: 'tree-sitter-latex.wasm', from: ['@cursorless/tree-sitter-wasms', 'out/tree-sitter-latex.wasm'] },
  restructuredtext: { name: 'tree-sitter-rst.wasm', from: ['tree-sitter-rst', 'tree-sitter-rst.wasm'] },
  typst: { name: 'typst_syntax_bg.wasm', from: ['codemirror-lang-typst', 'wasm/typst_syntax_bg.wasm'] },
  typstGlue: { name: 'typst_syntax_bg.mjs', from: ['codemirror-lang-typst', 'wasm/typst_syntax_bg.js'] },
} as const;

type WasmFile = (typeof WASM_FILES)[keyof typeof WASM_FILES];

function fileOf(file: WasmFile): string {
  const beside = join(__dirname, file.name);
  if (existsSync(beside)) return beside;
  const [pkg, path] = file.from;
  // By the folders Node looks packages up in: a package's exports (or its missing main) may not
  // let `require.resolve` reach the .wasm.
  const dir = (require.resolve.paths(pkg) ?? []).map((folder) => join(folder, pkg)).find((folder) => existsSync(folder));
  const found = dir === undefined ? undefined : join(dir, path);
  if (found === undefined || !existsSync(found))
    throw new TextExtractionError(`${file.name} is missing (looked beside the bundle and in ${pkg})`);
  return found;
}

/** A Typst syntax node as typst-syntax's wasm build hands it over: lengths in UTF-16 code units. */
export interface TypstNode {
  kind: number;
  length: number;
  erroneous?: boolean;
  children: TypstNode[];
}

/** The part of the WebAssembly API used here (the project's TypeScript libs declare no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface TypstGlue {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
  TypstWasmParser: { new (text: string): { tree(): TypstNode; free(): void }; get_node_types(): [string, number][] };
}

export interface TypstSyntax {
  parse(text: string): TypstNode;
  /** Node kind ids by name ('Markup', 'Text', 'Equation', …). */
  readonly kinds: ReadonlyMap<string, number>;
}

const treeSitterParsers = new Map<TreeSitterFormat, Parser>();
let typst: TypstSyntax | undefined;
/** Loads under way or done, by parser; a failed load stays failed (its error is the answer). */
const loads = new Map<TreeSitterFormat | 'typst' | 'runtime', Promise<void>>();

function once(key: TreeSitterFormat | 'typst' | 'runtime', load: () => Promise<void>): Promise<void> {
  let loading = loads.get(key);
  if (!loading) {
    loading = load();
    loads.set(key, loading);
  }
  return loading;
}

/** The parser a format needs, loaded once: resolves at once for formats without one. */
export function loadFormatParser(format: TreeSitterFormat | 'typst' | undefined): Promise<void> {
  if (format === undefined) return Promise.resolve();
  return format === 'typst' ? once('typst', loadTypst) : once(format, () => loadTreeSitter(format));
}

/** The parsers loaded so far (the tests check that a format's parser waits for its first document). */
export function loadedFormatParsers(): string[] {
  return [...treeSitterParsers.keys(), ...(typst ? ['typst'] : [])];
}

/** Loads every format parser once; later calls return the same promises. */
export async function loadFormatParsers(): Promise<void> {
  await Promise.all((['latex', 'restructuredtext', 'typst'] as const).map((format) => loadFormatParser(format)));
}

async function loadTreeSitter(format: TreeSitterFormat): Promise<void> {
  await once('runtime', () => Parser.init({ locateFile: () => fileOf(WASM_FILES.treeSitter) }));
  const parser = new Parser();
  parser.setLanguage(await Language.load(readFileSync(fileOf(WASM_FILES[format]))));
  treeSitterParsers.set(format, parser);
}

async function loadTypst(): Promise<void> {
  // The glue is an ES module (wasm-bindgen's bundler output); the bundle is CommonJS.
  const glue = (await import(pathToFileURL(fileOf(WASM_FILES.typstGlue)).href)) as TypstGlue;
  const module = new wasmApi.Module(readFileSync(fileOf(WASM_FILES.typst)));
  const instance = new wasmApi.Instance(module, { './typst_syntax_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === 'function') (start as () => void)();
  const kinds = new Map(glue.TypstWasmParser.get_node_types());
  typst = {
    kinds,
    parse(text) {
      const parser = new glue.TypstWasmParser(text);
      try {
        return parser.tree();
      } finally {
        parser.free();
      }
    },
  };
}

export function treeSitterParser(format: TreeSitterFormat): Parser {
  const parser = treeSitterParsers.get(format);
  if (!parser) throw new TextExtractionError(`the ${format} parser is used before it loaded (loadFormatParser)`);
  return parser;
}

export function typstSyntax(): TypstSyntax {
  if (!typst) throw new TextExtractionError('the Typst parser is used before it loaded (loadFormatParser)');
  return typst;
}
