// Issue 20, attack 7: a rules-file label with a backtick broke out of its code span in the hover
// (a remote image, a `command:` link). Labels and texts from the workspace stay text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel } from '../../../../server/src/entities/entityModel';
import { LabelExplainer } from '../../../../server/src/entities/labels';
import { codeSpan, hoverFor } from '../../../../server/src/features/hover';

describe('hover escaping of workspace labels', () => {
  it('a label stays inside its code span, backticks and all', () => {
    assert.equal(codeSpan('PERSON'), '`PERSON`');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x'), '`` `x ``');
    assert.equal(codeSpan('a\nb'), '`a b`');
  });

  it('a hostile label in a hover is one code span with nothing outside it', () => {
    const label = 'X` ![](https://evil.example/p.png) [run](command:workbench.action.terminal.new) `';
    const text = 'Ada went home.';
    const doc = TextDocument.create('file:///a.md', 'markdown', 1, text);
    const model = EntityModel.build(doc, [{ start: 0, end: 3, text: 'Ada', label }]);
    const value = (hoverFor(model, 1, new LabelExplainer())?.contents as MarkupContent).value;
    const firstLine = value.split('\n')[0];
    // One fence longer than the label's backticks, padded because the label ends with one.
    assert.equal(firstLine, `**Ada** — \`\` ${label} \`\``);
  });
});
