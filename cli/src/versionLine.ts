// What `samsara --version` prints: the extension's version and the language model of the sidecar
// bundled beside this command line (read from the staged model's samsara_model.json, so the model
// need not start). A command line run without a bundle (from a source checkout before
// `npm run build:python`) says so.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { SAMSARA_VERSION } from '../../shared/version';

const StagedModelSchema = z.object({ name: z.string(), version: z.string(), source: z.string().optional() });

/** bundleDir: the folder of dist/cli.js; the sidecar bundle sits in ../python-dist. */
export function versionLine(bundleDir: string): string {
  const file = path.join(bundleDir, '..', 'python-dist', 'samsara-sidecar', '_internal', 'model', 'en_core_web_sm', 'samsara_model.json');
  let model: string;
  try {
    const staged = StagedModelSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    model = `language model ${staged.name} ${staged.version} (bundled${staged.source ? `, from ${staged.source}` : ''})`;
  } catch {
    model = 'no bundled language model (set SAMSARA_SIDECAR_PATH or pass --sidecar)';
  }
  return `samsara ${SAMSARA_VERSION}, ${model}\n`;
}
