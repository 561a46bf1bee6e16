// What the Marketplace and Open VSX show of the packaged VSIX (no editor needed): the icon and
// changelog are in it, the README's pictures are absolute https (a relative one is broken on the
// listing), no placeholder host appears in the manifest or any text file, the command line
// (dist/cli.js) and THIRD_PARTY_NOTICES ship, and a platform VSIX carries its sidecar.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { vsixPath } from './harness/session';

/** A host no release may point at (RFC 2606 names and the like), wherever a URL or host appears. */
const PLACEHOLDER = /\b(?:[\w-]+\.)*(?:[\w-]+\.invalid|example\.(?:com|org|net)|[\w-]+\.example|localhost)(?=[/:"')\s]|$)/im;

function entries(vsix: string): string[] {
  return execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\n')
    .filter((line) => line !== '');
}
function read(vsix: string, entry: string): string {
  return execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Every picture of a Markdown text: ![alt](url) and <img src="url">. */
export function pictures(markdown: string): string[] {
  const md = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1] ?? '');
  const html = [...markdown.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
  return [...md, ...html];
}

describe('the packaged VSIX', () => {
  const vsix = vsixPath();
  const files = entries(vsix);
  const manifest = JSON.parse(read(vsix, 'extension/package.json')) as Record<string, unknown>;

  it('has its icon, changelog, notices and command line', () => {
    const icon = manifest.icon;
    assert.equal(typeof icon, 'string', 'package.json names no icon');
    assert.ok(files.includes(`extension/${String(icon)}`), `the icon ${String(icon)} is not in the VSIX`);
    const png = execFileSync('unzip', ['-p', vsix, `extension/${String(icon)}`]);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'the icon is not 128x128');
    assert.ok(
      files.some((f) => /^extension\/changelog\.md$/i.test(f)),
      'no CHANGELOG in the VSIX',
    );
    assert.ok(files.includes('extension/dist/cli.js'), 'dist/cli.js (the command line) is not in the VSIX');
    // The bundles the server and the command line load on first use (the tokenizer, eld's
    // n-grams, Asciidoctor.js): each one they name ships beside them.
    for (const bundle of ['server.js', 'cli.js']) {
      const siblings = [...read(vsix, `extension/dist/${bundle}`).matchAll(/(?:require|import)\("\.\/([\w.-]+\.js)"\)/g)].map((m) => m[1]);
      assert.ok(siblings.includes('eld.js') && siblings.includes('asciidoctor.js'), `dist/${bundle} loads ${siblings.join(', ')}`);
      for (const sibling of siblings)
        assert.ok(files.includes(`extension/dist/${sibling}`), `dist/${sibling}, which dist/${bundle} loads, is not in the VSIX`);
    }
    const notices = read(vsix, 'extension/THIRD_PARTY_NOTICES.txt');
    assert.match(notices, /vscode-languageclient/);
    if (files.some((f) => f.startsWith('extension/python-dist/'))) {
      assert.match(notices, /spacy 3\.8/);
      assert.match(notices, /language model en_core_web_sm/);
    }
  });

  it('shows only absolute https pictures, and names no placeholder host', () => {
    const readme = files.find((f) => /^extension\/readme\.md$/i.test(f));
    assert.ok(readme, 'no README in the VSIX');
    const text = read(vsix, readme);
    for (const url of pictures(text)) assert.match(url, /^https:\/\//, `README picture ${url} is not an absolute https URL`);
    for (const [, url] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      assert.ok(url?.startsWith('#') || /^(https|mailto):/.test(url ?? ''), `README link ${url} would be broken on the listing`);
    }
    for (const entry of files.filter((f) => /\.(md|json|txt|vsixmanifest)$/i.test(f) && !f.includes('python-dist/'))) {
      const hit = PLACEHOLDER.exec(read(vsix, entry));
      assert.equal(hit, null, `${entry} names the placeholder host ${hit?.[0]}`);
    }
    for (const key of ['repository', 'bugs', 'homepage'] as const) {
      const value = JSON.stringify(manifest[key] ?? '');
      assert.ok(value === '""' || value.includes('https://'), `${key} is not an https URL: ${value}`);
    }
  });

  it('declares where it runs', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    const capabilities = manifest.capabilities as { virtualWorkspaces?: { supported?: unknown } };
    assert.equal(capabilities.virtualWorkspaces?.supported, false);
    assert.ok(!manifest.activationEvents || !(manifest.activationEvents as string[]).includes('*'), 'activates on everything');
  });
});
