// What the "where it appears" view asks of the workspace index: per file, in reading order, the
// entities it mentions and how often; for one entity, the files it appears in and the entities it
// shares paragraphs with (a paragraph: text between blank lines). Labels the user hides are left out.
import type { AppearanceFile, EntityPresence } from '../../../shared/lsp';
import type { ModelEntity } from '../entities/entityModel';
import { StoryBible } from '../entities/storyBible';
import type { Visible } from './indexQueries';
import type { ReadingOrder } from './readingOrder';
import type { WorkspaceIndex } from './workspaceIndex';

export interface Appearance {
  /** Mentions in the whole workspace (this document's current ones included). */
  workspaceMentions: number;
  /** The first file in reading order that mentions it, and the line of its first mention there. */
  first?: { uri: string; name: string; line: number };
}

export interface AppearanceSources {
  index: WorkspaceIndex;
  order: ReadingOrder;
  bible: StoryBible;
  visible: Visible;
  fileName(uri: string): string;
}

function labelOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/** How an entity is named in the views: its story bible name, or its first mention's text. */
function nameOf(bibleNames: ReadonlyMap<string, string>, key: string, first: ModelEntity): string {
  return bibleNames.get(key) ?? first.text.replace(/\s+/g, ' ').trim();
}

function bibleNames(bible: StoryBible): Map<string, string> {
  return new Map(bible.entries.map((entry) => [StoryBible.keyOf(entry), entry.name]));
}

/** Every file's entities (of `labels`, when given), files in reading order, most mentioned first. */
export function appearancesByFile(sources: AppearanceSources, labels?: readonly string[]): AppearanceFile[] {
  const names = bibleNames(sources.bible);
  const wanted = labels && labels.length > 0 ? new Set(labels) : undefined;
  const files: AppearanceFile[] = [];
  for (const uri of sources.order.sort(sources.index.uris())) {
    const file = sources.index.get(uri);
    if (!file) continue;
    const byKey = new Map<string, ModelEntity[]>();
    for (const entity of file.entities) {
      const key = sources.index.keyOf(entity);
      const label = labelOf(key);
      if (!sources.visible(label) || (wanted && !wanted.has(label))) continue;
      const list = byKey.get(key);
      if (list) list.push(entity);
      else byKey.set(key, [entity]);
    }
    if (byKey.size === 0) continue;
    const entities = [...byKey].map(([key, mentions]) => ({
      key,
      name: nameOf(names, key, mentions[0]),
      label: labelOf(key),
      count: mentions.length,
      first: mentions[0].range,
    }));
    entities.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    files.push({ uri, name: sources.fileName(uri), entities });
  }
  return files;
}

/** Offsets where paragraphs start: the text's start and after every run of blank lines. */
export function paragraphStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r?\n[ \t]*\r?\n\s*/g)) starts.push((match.index ?? 0) + match[0].length);
  return starts;
}

function paragraphOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Where `key` appears (files in reading order) and which entities share its paragraphs. `textOf`
 * gives a file's text (open document or disk); a file it cannot give counts for presence only.
 */
export async function entityPresence(
  sources: AppearanceSources,
  key: string,
  textOf: (uri: string) => Promise<string | undefined>,
): Promise<EntityPresence | null> {
  const perFile = sources.index.mentions(key);
  if (perFile.size === 0) return null;
  const names = bibleNames(sources.bible);
  const uris = sources.order.sort(perFile.keys());
  const firstMention = perFile.get(uris[0])?.[0];
  if (!firstMention) return null;
  const files = uris.map((uri) => {
    const mentions = perFile.get(uri) ?? [];
    return { uri, name: sources.fileName(uri), count: mentions.length, first: mentions[0].range };
  });
  const together = new Map<string, { first: ModelEntity; paragraphs: number }>();
  for (const uri of uris) {
    const text = await textOf(uri);
    const file = sources.index.get(uri);
    if (text === undefined || !file) continue;
    const starts = paragraphStarts(text);
    const own = new Set((perFile.get(uri) ?? []).map((m) => paragraphOf(starts, m.start)));
    const seen = new Set<string>();
    for (const entity of file.entities) {
      const other = sources.index.keyOf(entity);
      if (other === key || !sources.visible(labelOf(other))) continue;
      const paragraph = paragraphOf(starts, entity.start);
      if (!own.has(paragraph) || seen.has(`${other}\u0000${paragraph}`)) continue;
      seen.add(`${other}\u0000${paragraph}`);
      const entry = together.get(other);
      if (entry) entry.paragraphs += 1;
      else together.set(other, { first: entity, paragraphs: 1 });
    }
  }
  return {
    key,
    name: nameOf(names, key, firstMention),
    label: labelOf(key),
    files,
    together: [...together]
      .map(([other, { first, paragraphs }]) => ({ key: other, name: nameOf(names, other, first), label: labelOf(other), paragraphs }))
      .sort((a, b) => b.paragraphs - a.paragraphs || a.name.localeCompare(b.name)),
  };
}
