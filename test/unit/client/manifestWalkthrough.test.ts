// The walkthrough (contributes.walkthroughs) shows files of the repository: each step's image or
// Markdown must exist and ship in the VSIX (.vscodeignore keeps client/media/walkthrough/), or the
// first thing a new user sees is a broken picture.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

interface Step {
  id: string;
  media: { image?: string | { dark: string; light: string }; markdown?: string; altText?: string };
}
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: { id: string; steps: Step[] }[] };
};

describe('the walkthrough in package.json', () => {
  it('points every step at a file that exists and is shipped', () => {
    const files = manifest.contributes.walkthroughs.flatMap((w) =>
      w.steps.flatMap((step) => {
        const image = step.media.image;
        const images = image === undefined ? [] : typeof image === 'string' ? [image] : [image.dark, image.light];
        return [...images, ...(step.media.markdown ? [step.media.markdown] : [])].map((file) => ({ step: step.id, file }));
      }),
    );
    assert.ok(files.length >= 5, 'a picture per step');
    for (const { step, file } of files) {
      assert.ok(existsSync(path.join(repoRoot, file)), `${step}: ${file} is missing`);
      assert.ok(file.startsWith('client/media/walkthrough/'), `${step}: ${file} is not shipped (see .vscodeignore)`);
    }
    for (const step of manifest.contributes.walkthroughs.flatMap((w) => w.steps)) {
      if (step.media.image !== undefined) assert.ok(step.media.altText, `${step.id}: an image needs its alt text`);
    }
  });
});
