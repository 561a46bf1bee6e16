import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotatedTextEdit, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { entryNames } from '../../../../../server/src/entityRules/entryNames';
import {
  ANNOTATION_ENTRY,
  ANNOTATION_MENTIONS,
  ANNOTATION_OTHER_NAMES,
  renameEdit,
  scalar,
  type RenameFile,
} from '../../../../../server/src/features/storyBible/renameEdit';

function file(uri: string, text: string, names: string[], version: number | null = null): RenameFile {
  let from = 0;
  const mentions = names.map((name) => {
    const start = text.indexOf(name, from);
    from = start + name.length;
    return { start, end: start + name.length, text: name };
  });
  return { uri, text, version, mentions };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), [...edits]);
}

const one = file('file:///w/one.md', "Emma's letter. [Emma](https://e.example/Emma) saw EMMA.\n", ["Emma's", 'Emma', 'EMMA'], 3);
const two = file('file:///w/two.md', 'Emma Woodhouse arrived.\r\nMiss Woodhouse too. 😀 Emma!\n', [
  'Emma Woodhouse',
  'Miss Woodhouse',
  'Emma',
]);
const rules = 'known:\n  - id: emma\n    text: Emma Woodhouse # the heroine\n    label: PERSON\n    aliases: [Emma, "Miss Woodhouse"]\n';

describe('rename across files', () => {
  it('renames exact mentions, and other names in a group of their own, with the entry', () => {
    const entry = { uri: 'file:///w/.samsara/entities.yaml', text: rules, version: null, names: entryNames(rules, 0), json: false };
    const { edit, counts } = renameEdit({ oldName: 'Emma', newName: 'Harriet', files: [one, two], entry, annotations: true });
    assert.deepEqual(counts, { mentions: 4, otherNames: 1, files: 2, stale: 0 });
    const changes = edit.documentChanges as TextDocumentEdit[];
    const byUri = new Map(changes.map((c) => [c.textDocument.uri, c]));
    assert.equal(byUri.get(one.uri)?.textDocument.version, 3);
    assert.equal(apply(one.text, byUri.get(one.uri)!.edits), "Harriet's letter. [Harriet](https://e.example/Emma) saw HARRIET.\n");
    assert.equal(apply(two.text, byUri.get(two.uri)!.edits), 'Harriet Woodhouse arrived.\r\nMiss Woodhouse too. 😀 Harriet!\n');
    assert.equal(
      apply(rules, byUri.get(entry.uri)!.edits),
      'known:\n  - id: emma\n    text: Harriet Woodhouse # the heroine\n    label: PERSON\n    aliases: [Harriet, "Miss Woodhouse"]\n',
    );
    const annotationsOf = (uri: string): string[] => (byUri.get(uri)!.edits as AnnotatedTextEdit[]).map((e) => e.annotationId);
    assert.ok(annotationsOf(two.uri).includes(ANNOTATION_OTHER_NAMES));
    assert.ok(annotationsOf(entry.uri).includes(ANNOTATION_ENTRY));
    assert.equal(edit.changeAnnotations?.[ANNOTATION_OTHER_NAMES]?.needsConfirmation, true, 'the preview lets the writer untick them');
    assert.equal(edit.changeAnnotations?.[ANNOTATION_MENTIONS]?.needsConfirmation, false);
  });

  it('gives a client without annotations the exact mentions only', () => {
    const { edit, counts } = renameEdit({ oldName: 'Emma', newName: 'Harriet', files: [one, two], annotations: false });
    assert.equal(counts.otherNames, 0);
    assert.equal(apply(two.text, edit.changes![two.uri]), 'Emma Woodhouse arrived.\r\nMiss Woodhouse too. 😀 Harriet!\n');
  });

  it('leaves a mention a file on disk no longer has', () => {
    const changed = { ...two, text: two.text.replace('Emma Woodhouse', 'Jane Fairfaxes') };
    const { counts } = renameEdit({ oldName: 'Emma', newName: 'Harriet', files: [changed], annotations: true });
    assert.equal(counts.stale, 1);
    assert.equal(counts.mentions, 1);
  });

  it('writes scalars plain where the file did and the value allows, quoted otherwise', () => {
    assert.equal(scalar('Harriet Smith', 'Emma', false), 'Harriet Smith');
    assert.equal(scalar('Harriet: Smith', 'Emma', false), '"Harriet: Smith"');
    assert.equal(scalar('Harriet', '"Emma"', false), '"Harriet"');
    assert.equal(scalar('Harriet', '"Emma"', true), '"Harriet"');
  });
});
