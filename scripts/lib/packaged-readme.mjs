// The README that goes into a VSIX: the Marketplace and Open VSX show it away from the repository,
// so every relative picture and link must become an absolute https URL.
//   node scripts/lib/packaged-readme.mjs IN OUT [REPOSITORY_URL [REF]]
// With a repository URL (https only; the release passes its own): pictures become REPO/raw/REF/path
// and links REPO/blob/REF/path. Without one (a local build): there is no public address to point
// at, so each picture becomes its description in italics and each relative link its plain text,
// rather than a link that would break. In-page anchors (#...) stay as they are.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, repository = '', ref = 'main'] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: packaged-readme.mjs IN OUT [REPOSITORY_URL [REF]]');
  process.exit(2);
}
const repo = repository.replace(/\.git$/, '').replace(/\/+$/, '');
if (repo && !/^https:\/\/[^/\s]+\/\S+$/.test(repo)) {
  console.error(`packaged-readme: the repository URL must be https://host/owner/name, not "${repository}"`);
  process.exit(2);
}
const relative = (url) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('#') && !url.startsWith('//');
const clean = (url) => url.replace(/^\.\//, '');

let text = readFileSync(input, 'utf8');
// Markdown pictures ![alt](url "title") first, then links [text](url).
text = text.replace(/!\[([^\]]*)\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/g, (all, alt, url, title) => {
  if (!relative(url)) return all;
  return repo ? `![${alt}](${repo}/raw/${ref}/${clean(url)}${title})` : `*(Picture: ${alt || 'see the repository'}.)*`;
});
text = text.replace(/(^|[^!])\[([^\]]+)\]\(([^)\s]+)\)/g, (all, before, label, url) => {
  if (!relative(url)) return all;
  return repo ? `${before}[${label}](${repo}/blob/${ref}/${clean(url)})` : `${before}${label}`;
});
// HTML pictures <img src="...">.
text = text.replace(/<img\b([^>]*?)\bsrc="([^"]+)"([^>]*)>/g, (all, pre, url, post) => {
  if (!relative(url)) return all;
  if (repo) return `<img${pre}src="${repo}/raw/${ref}/${clean(url)}"${post}>`;
  const alt = /\balt="([^"]*)"/.exec(all)?.[1];
  return `*(Picture: ${alt || 'see the repository'}.)*`;
});
writeFileSync(output, text);
