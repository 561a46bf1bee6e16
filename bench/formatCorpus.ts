// Held-out real documents per format for the format bench's fidelity figures (never used to tune
// the extractors): every issue of *LaTeX News* (Debian `texlive-latex-base-doc`, LPPL) and the
// Docutils documentation in reStructuredText (Debian `docutils-doc`, public domain). The packages
// are documentation only, so they are not installed (texlive-latex-base-doc would pull TeX Live
// in): `apt-get download` fetches each .deb once and it is unpacked into ~/.cache/samsara.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface FormatDocument {
  name: string;
  text: string;
}

/** The test fixtures taken from these packages: the extractors were corrected on them, so not held out. */
const FIXTURES = ['ltnews13.tex.gz', 'user/mailing-lists.txt'];
const CACHE = path.join(homedir(), '.cache', 'samsara', 'debian-docs');

/** The unpacked files of Debian package `name` (downloaded and unpacked on first use). */
function unpacked(name: string): string {
  const root = path.join(CACHE, name);
  if (existsSync(root)) return root;
  const work = mkdtempSync(path.join(tmpdir(), 'samsara-deb-'));
  try {
    const download = () => execFileSync('apt-get', ['download', '-qq', name], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      download();
    } catch {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
      download();
    }
    const deb = readdirSync(work).find((file) => file.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${name} left no .deb`);
    execFileSync('dpkg-deb', ['-x', path.join(work, deb), path.join(work, 'root')]);
    mkdirSync(CACHE, { recursive: true });
    renameSync(path.join(work, 'root'), root);
    return root;
  } catch (error) {
    throw new Error(`the ${name} documents for the format bench: ${(error as Error).message.split('\n')[0]} (needs apt-get and dpkg-deb)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const readMaybeGzipped = (file: string): string =>
  (file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file)).toString('utf8');

/** Files under `dir` whose names match, sorted, read until `chars` characters. */
function documents(dir: string, match: RegExp, chars: number): FormatDocument[] {
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at).sort()) {
      const file = path.join(at, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (match.test(entry)) files.push(file);
    }
  };
  walk(dir);
  const out: FormatDocument[] = [];
  let length = 0;
  for (const file of files) {
    if (length >= chars) break;
    if (FIXTURES.some((fixture) => file.endsWith(fixture))) continue;
    const text = readMaybeGzipped(file);
    out.push({ name: path.relative(dir, file), text });
    length += text.length;
  }
  return out;
}

/** Every *LaTeX News* issue, about `chars` characters in all. */
export function latexNews(chars: number): FormatDocument[] {
  return documents(path.join(unpacked('texlive-latex-base-doc'), 'usr/share/doc/texlive-doc/latex/base'), /^ltnews\d+\.tex(\.gz)?$/, chars);
}

/** The Docutils documentation's reStructuredText sources, about `chars` characters in all. */
export function docutilsDocs(chars: number): FormatDocument[] {
  return documents(path.join(unpacked('docutils-doc'), 'usr/share/doc/docutils-doc/docs'), /\.txt(\.gz)?$/, chars);
}
