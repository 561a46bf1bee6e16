// Code actions from the entity model, without a server: which actions, with which edits, for an
// entity under the cursor, a selection, and a client without a label picker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel } from '../../../../server/src/entities/entityModel';
import { entityCodeActions, type EntityCodeActionDeps } from '../../../../server/src/features/entityCodeActions';
import { LabelExplainer } from '../../../../server/src/entities/labels';
import { silentLogger } from '../../../../server/src/logger';

const TEXT = 'Ada Lovelace met Charles Babbage in London.';
const document = TextDocument.create('file:///ws/a.md', 'markdown', 3, TEXT);
const model = EntityModel.build(document, [
  { label: 'PERSON', text: 'Ada Lovelace', start: 0, end: 12 },
  { label: 'PERSON', text: 'Charles Babbage', start: 17, end: 32 },
  { label: 'GPE', text: 'London', start: 36, end: 42 },
]);
const RULES = 'known:\n  - {text: London, label: GPE}\n';

function deps(options: { picker?: boolean; rules?: string | undefined; target?: boolean } = {}): EntityCodeActionDeps {
  return {
    analyzer: { modelFor: async () => model },
    documents: { get: () => document },
    labels: new LabelExplainer(),
    ruleLabels: () => ['CHARACTER'],
    target: async () =>
      options.target === false
        ? undefined
        : {
            uri: 'file:///ws/.samsara/entities.yaml',
            path: '/ws/.samsara/entities.yaml',
            text: 'rules' in options ? options.rules : RULES,
            scope: 'workspace',
          },
    client: () => ({ labelPicker: options.picker ?? true, edits: { documentChanges: true, createFiles: true } }),
    log: silentLogger,
  };
}

function params(start: number, end = start, only?: string[]): CodeActionParams {
  return {
    textDocument: { uri: document.uri },
    range: { start: document.positionAt(start), end: document.positionAt(end) },
    context: { diagnostics: [], ...(only ? { only } : {}) },
  };
}

const titles = (actions: CodeAction[]) => actions.map((a) => a.title);

describe('entity code actions', () => {
  it('on an entity: ignore, label with the picker, always this label', async () => {
    assert.deepEqual(titles(await entityCodeActions(params(20), deps())), [
      'Not an entity: ignore "Charles Babbage" in this workspace',
      'Label "Charles Babbage" as…',
      'Always treat "Charles Babbage" as PERSON',
    ]);
  });

  it('does not offer what the file already says', async () => {
    assert.deepEqual(titles(await entityCodeActions(params(38), deps())), [
      'Not an entity: ignore "London" in this workspace',
      'Label "London" as…',
    ]);
  });

  it('a selection inside an entity is the entity; one over plain text is marked', async () => {
    assert.equal((await entityCodeActions(params(18, 22), deps()))[0]?.title, 'Not an entity: ignore "Charles Babbage" in this workspace');
    assert.deepEqual(titles(await entityCodeActions(params(13, 16), deps())), ['Mark "met" as…']);
    assert.deepEqual(titles(await entityCodeActions(params(12, 13), deps())), [], 'a selection of spaces only');
    assert.deepEqual(titles(await entityCodeActions(params(14), deps())), [], 'a cursor off any entity');
  });

  it('without a label picker the client gets one action per name label', async () => {
    const list = titles(await entityCodeActions(params(2), deps({ picker: false })));
    assert.ok(list.includes('Label "Ada Lovelace" as ORG'));
    assert.ok(!list.includes('Label "Ada Lovelace" as PERSON'));
    assert.equal(list.filter((t) => t.startsWith('Label')).length, 8);
  });

  it('creates the file when there is none, and offers nothing without a file to edit or for other kinds', async () => {
    const [ignore] = await entityCodeActions(params(2), deps({ rules: undefined }));
    assert.equal(
      ignore.edit?.documentChanges?.[0] && 'kind' in ignore.edit.documentChanges[0] ? ignore.edit.documentChanges[0].kind : '',
      'create',
    );
    assert.deepEqual(await entityCodeActions(params(2), deps({ target: false })), []);
    assert.deepEqual(await entityCodeActions(params(2, 2, ['refactor']), deps()), []);
  });

  it('a rules file that does not parse gets no edit actions (the picker still opens)', async () => {
    assert.deepEqual(titles(await entityCodeActions(params(2), deps({ rules: 'known: [\n' }))), ['Label "Ada Lovelace" as…']);
  });
});
