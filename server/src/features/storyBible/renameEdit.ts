// Rename (F2) of an entity across the workspace, as one WorkspaceEdit: every mention whose name is
// the renamed one ("Emma", "EMMA", "Emma's"), and the story bible entry's names. Other names of the
// entity that contain the old name ("Emma Woodhouse") are renamed too, in a group of their own that
// VS Code's refactor preview shows for the writer to keep or untick; a client without change
// annotations gets the exact mentions and the entry only. Pure: files come in as texts.
import type { AnnotatedTextEdit, ChangeAnnotation, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModelEntity } from '../../entities/entityModel';
import { renameIn, type TextChange } from '../../entities/renaming';

/** One file's mentions of the entity, with the file's text (open document or disk) and version. */
export interface RenameFile {
  uri: string;
  text: string;
  /** The open document's version; null for a file read from disk. */
  version: number | null;
  mentions: readonly Pick<ModelEntity, 'start' | 'end' | 'text'>[];
}

/** A name written in the story bible entry: where its scalar is in the rules file, and its value. */
export interface EntryName {
  start: number;
  end: number;
  value: string;
  /** The source as written (quoted or not), so the replacement keeps the file's style. */
  source: string;
}

export interface EntryFile {
  uri: string;
  text: string;
  version: number | null;
  names: readonly EntryName[];
  json: boolean;
}

export interface RenamePlan {
  oldName: string;
  newName: string;
  files: readonly RenameFile[];
  entry?: EntryFile;
  /** Change annotations (and documentChanges) are understood by the client. */
  annotations: boolean;
}

export const ANNOTATION_MENTIONS = 'samsara.rename.mentions';
export const ANNOTATION_OTHER_NAMES = 'samsara.rename.otherNames';
export const ANNOTATION_ENTRY = 'samsara.rename.entry';

interface Edit {
  uri: string;
  version: number | null;
  edit: TextEdit;
  annotation: string;
}

export interface RenameResult {
  edit: WorkspaceEdit;
  /** Mentions renamed (exact), other names renamed, mentions on disk that no longer match the file. */
  counts: { mentions: number; otherNames: number; files: number; stale: number };
}

export function renameEdit(plan: RenamePlan): RenameResult {
  const edits: Edit[] = [];
  const counts = { mentions: 0, otherNames: 0, files: 0, stale: 0 };
  for (const file of plan.files) {
    const document = TextDocument.create(file.uri, 'plaintext', file.version ?? 0, file.text);
    let touched = false;
    for (const mention of file.mentions) {
      // A file read from disk may have changed since it was indexed: only what still says the name is renamed.
      if (file.text.slice(mention.start, mention.end) !== mention.text) {
        counts.stale += 1;
        continue;
      }
      const exact = renameIn(mention.text, plan.oldName, plan.newName, false);
      const inside = exact ? undefined : plan.annotations ? renameIn(mention.text, plan.oldName, plan.newName, true) : undefined;
      const changes = exact ?? inside;
      if (!changes) continue;
      touched = true;
      if (exact) counts.mentions += 1;
      else counts.otherNames += 1;
      for (const change of changes)
        edits.push(toEdit(file, document, mention.start, change, exact ? ANNOTATION_MENTIONS : ANNOTATION_OTHER_NAMES));
    }
    if (touched) counts.files += 1;
  }
  if (plan.entry) edits.push(...entryEdits(plan, plan.entry));
  return { edit: workspaceEdit(plan, edits), counts };
}

function toEdit(file: RenameFile, document: TextDocument, base: number, change: TextChange, annotation: string): Edit {
  return {
    uri: file.uri,
    version: file.version,
    annotation,
    edit: { range: { start: document.positionAt(base + change.start), end: document.positionAt(base + change.end) }, newText: change.text },
  };
}

function entryEdits(plan: RenamePlan, entry: EntryFile): Edit[] {
  const document = TextDocument.create(entry.uri, entry.json ? 'json' : 'yaml', entry.version ?? 0, entry.text);
  const out: Edit[] = [];
  for (const name of entry.names) {
    const exact = renameIn(name.value, plan.oldName, plan.newName, false);
    const changes = exact ?? (plan.annotations ? renameIn(name.value, plan.oldName, plan.newName, true) : undefined);
    if (!changes) continue;
    let value = name.value;
    for (const change of [...changes].reverse()) value = value.slice(0, change.start) + change.text + value.slice(change.end);
    out.push({
      uri: entry.uri,
      version: entry.version,
      annotation: exact ? ANNOTATION_ENTRY : ANNOTATION_OTHER_NAMES,
      edit: {
        range: { start: document.positionAt(name.start), end: document.positionAt(name.end) },
        newText: scalar(value, name.source, entry.json),
      },
    });
  }
  return out;
}

/** A YAML or JSON scalar for `value`, plain where the original was plain and the value allows it. */
export function scalar(value: string, original: string, json: boolean): string {
  const quoted = original.startsWith('"') || original.startsWith("'");
  if (json || quoted || !/^[\p{L}\p{N}][\p{L}\p{N} .'’-]*$/u.test(value) || /\s$/.test(value)) return JSON.stringify(value);
  return value;
}

function workspaceEdit(plan: RenamePlan, edits: readonly Edit[]): WorkspaceEdit {
  if (!plan.annotations) {
    const changes: Record<string, TextEdit[]> = {};
    for (const { uri, edit } of edits) (changes[uri] ??= []).push(edit);
    return { changes };
  }
  const byUri = new Map<string, { version: number | null; edits: AnnotatedTextEdit[] }>();
  const used = new Set<string>();
  for (const { uri, version, edit, annotation } of edits) {
    const file = byUri.get(uri) ?? { version, edits: [] };
    file.edits.push({ ...edit, annotationId: annotation });
    byUri.set(uri, file);
    used.add(annotation);
  }
  const documentChanges: TextDocumentEdit[] = [...byUri].map(([uri, file]) => ({
    textDocument: { uri, version: file.version },
    edits: file.edits,
  }));
  const all: Record<string, ChangeAnnotation> = {
    [ANNOTATION_MENTIONS]: { label: `Rename "${plan.oldName}" to "${plan.newName}"`, needsConfirmation: false },
    [ANNOTATION_ENTRY]: { label: 'The story bible entry', description: '.samsara/entities.yaml', needsConfirmation: false },
    [ANNOTATION_OTHER_NAMES]: {
      label: `Other names that contain "${plan.oldName}"`,
      description: 'untick to keep them as they are',
      needsConfirmation: true,
    },
  };
  const changeAnnotations = Object.fromEntries(Object.entries(all).filter(([id]) => used.has(id)));
  return { documentChanges, changeAnnotations };
}
