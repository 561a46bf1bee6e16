// The entities of every file of the workspace, in memory: per file (an open document's from its
// live model, the others from the scan), and by entity key (label + normalised text) across
// files, kept in step at every change so that references and the workspace view of one entity
// cost a lookup, not a pass over the workspace.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity, type ModelEntity } from '../entities/entityModel';
import { entityKey } from '../entities/normalise';
import { StoryBible } from '../entities/storyBible';

export interface IndexedFile {
  uri: string;
  /** Where its entities came from: the file on disk, or the open document's live model. */
  source: 'disk' | 'open';
  /** The content key (fileAnalysis.ts) of a file read from disk. */
  contentKey: string | undefined;
  /** In document order, not overlapping. */
  entities: readonly ModelEntity[];
}

export type IndexListener = (uri: string) => void;

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** key → uri → the mentions of that entity in that file, in order. */
  private readonly byKey = new Map<string, Map<string, ModelEntity[]>>();
  private readonly keys = new Map<ModelEntity, string>();
  private readonly listeners = new Set<IndexListener>();

  /** `bible`: the story bible files read from disk are grouped by (the open documents' models carry their own). */
  constructor(private readonly bible: () => StoryBible = () => StoryBible.EMPTY) {}

  get fileCount(): number {
    return this.files.size;
  }

  get entityCount(): number {
    return this.byKey.size;
  }

  get(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  /** A file read from disk: its text and the entities found in it. */
  setFromText(uri: string, contentKey: string, text: string, entities: readonly DocumentEntity[]): void {
    this.setFromModel(EntityModel.build(TextDocument.create(uri, 'plaintext', 0, text), entities, this.bible()), uri, contentKey);
  }

  /** An open document's live model (it wins over the file on disk until the document closes). */
  setFromModel(model: EntityModel, uri = model.uri, contentKey?: string): void {
    // The model's own grouping by key (shared with the views) spares normalising every text again.
    const keyed = new Map<ModelEntity, string>();
    for (const label of model.groups)
      for (const group of label.entities) for (const mention of group.mentions) keyed.set(mention, group.key);
    this.set({ uri, source: contentKey === undefined ? 'open' : 'disk', contentKey, entities: model.entities }, keyed);
  }

  delete(uri: string): void {
    if (!this.files.has(uri)) return;
    this.unlink(uri);
    this.files.delete(uri);
    this.emit(uri);
  }

  clear(): void {
    for (const uri of [...this.files.keys()]) this.delete(uri);
  }

  /** The key of an indexed mention. */
  keyOf(entity: ModelEntity): string {
    return this.keys.get(entity) ?? entityKey(entity.label, entity.text);
  }

  /** Every entity key with its mentions per file. */
  entries(): IterableIterator<[string, ReadonlyMap<string, readonly ModelEntity[]>]> {
    return this.byKey.entries();
  }

  /** The mentions of one entity per file (empty when no file mentions it). */
  mentions(key: string): ReadonlyMap<string, readonly ModelEntity[]> {
    return this.byKey.get(key) ?? new Map();
  }

  onChange(listener: IndexListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private set(file: IndexedFile, keyed: ReadonlyMap<ModelEntity, string>): void {
    this.unlink(file.uri);
    this.files.set(file.uri, file);
    for (const entity of file.entities) {
      const key = keyed.get(entity) ?? entityKey(entity.label, entity.text);
      this.keys.set(entity, key);
      let perFile = this.byKey.get(key);
      if (!perFile) {
        perFile = new Map();
        this.byKey.set(key, perFile);
      }
      const mentions = perFile.get(file.uri);
      if (mentions) mentions.push(entity);
      else perFile.set(file.uri, [entity]);
    }
    this.emit(file.uri);
  }

  private unlink(uri: string): void {
    const old = this.files.get(uri);
    if (!old) return;
    for (const entity of old.entities) {
      const key = this.keys.get(entity);
      this.keys.delete(entity);
      if (key === undefined) continue;
      const perFile = this.byKey.get(key);
      perFile?.delete(uri);
      if (perFile?.size === 0) this.byKey.delete(key);
    }
  }

  private emit(uri: string): void {
    for (const listener of [...this.listeners]) listener(uri);
  }
}
