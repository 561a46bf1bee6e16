import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frontMatterLength } from '../../../../server/src/text/frontMatter';

describe('frontMatterLength', () => {
  it('covers YAML and TOML front matter through the closing line end', () => {
    assert.equal(frontMatterLength('---\na: 1\n---\nText'), 13);
    assert.equal(frontMatterLength('+++ \r\na = 1\r\n\r\n+++\t\r\nText'), 21);
    assert.equal(frontMatterLength('---\n---\n'), 8);
    assert.equal(frontMatterLength('---\na: 1\n---'), 12, 'closed at the end of the document');
  });

  it('finds none unless the opening fence is the first line and a matching fence closes it', () => {
    assert.equal(frontMatterLength('\n---\na: 1\n---\n'), 0);
    assert.equal(frontMatterLength(' ---\na: 1\n---\n'), 0);
    assert.equal(frontMatterLength('----\na: 1\n----\n'), 0);
    assert.equal(frontMatterLength('---\na: 1\n+++\n'), 0);
    assert.equal(frontMatterLength('---\na: 1\n--- x\n'), 0);
    assert.equal(frontMatterLength('---'), 0);
  });
});
