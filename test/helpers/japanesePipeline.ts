// A small Japanese pipeline for the integration tests: no ja_core_news wheel can be fetched on the
// build machines, so python-src/tests/ja_pipeline.py builds one of the same kind (spaCy's Japanese
// tokenizer on SudachiPy with the real dictionary, an `ner` trained on a few sentences) with the
// build venv's spaCy, the one the bundle carries. The dictionary wheel is the one the tests serve.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { SUDACHIDICT_WHEEL } from './releaseServer';

/** Builds the pipeline under `dir` and returns its folder (config.cfg + meta.json). */
export function buildJapanesePipeline(dir: string): string {
  const venv = spawnSync('bash', [join(repoRoot, 'scripts', 'build-python.sh'), '--print-python'], { encoding: 'utf8' });
  if (venv.status !== 0) throw new Error(`no build venv: ${venv.stderr}`);
  const python = venv.stdout.trim();
  const script = join(repoRoot, 'python-src', 'tests', 'ja_pipeline.py');
  const built = spawnSync(python, [script, dir, '--dictionary-wheel', SUDACHIDICT_WHEEL], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`ja_pipeline.py failed:\n${built.stderr}`);
  return built.stdout.trim().split('\n').at(-1) as string;
}
