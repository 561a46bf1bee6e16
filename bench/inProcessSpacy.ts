// In-process spaCy as a long-lived Python process (same model directory, same `ner`-only pipeline
// as the sidecar): for each file path on stdin it runs nlp.pipe over the paragraphs (a .json file:
// over its list of texts) and prints the seconds. Long-lived so its runs interleave with the server's under the same load: the baseline
// the server's throughput is divided by.
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { realSidecar, repoRoot } from '../test/helpers/paths';

const SCRIPT = `
import json, re, sys, time, spacy
model = sys.argv[1]
names = spacy.util.load_config(model + "/config.cfg")["nlp"]["pipeline"]
nlp = spacy.load(model, exclude=[n for n in names if n != "ner"])
list(nlp.pipe(["Warm up with Angela Merkel in Paris."] * 8))
print("ready", flush=True)
for line in sys.stdin:
    name = line.strip()
    if name.endswith(".json"):
        paragraphs = json.load(open(name, encoding="utf-8"))
    else:
        text = open(name, encoding="utf-8").read()
        paragraphs = [p for p in re.split(r"\\n[ \\t]*\\n", text) if p.strip()]
    t = time.perf_counter()
    c = time.process_time()
    n = sum(len(d.ents) for d in nlp.pipe(paragraphs))
    print(json.dumps({"seconds": time.perf_counter() - t, "cpuSeconds": time.process_time() - c, "entities": n}), flush=True)
`;

export class InProcessSpacy {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly lines: AsyncIterableIterator<string>;

  constructor() {
    const python = execFileSync('bash', [path.join(repoRoot, 'scripts', 'build-python.sh'), '--print-python'], { encoding: 'utf8' }).trim();
    const modelRoot = path.join(path.dirname(realSidecar), '_internal', 'model');
    const modelDir = path.join(modelRoot, readdirSync(modelRoot)[0]);
    this.child = spawn(python, ['-c', SCRIPT, modelDir], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async ready(): Promise<void> {
    const first = await this.lines.next();
    if (first.value !== 'ready') throw new Error(`in-process spaCy did not start: ${String(first.value)}`);
  }

  async run(file: string): Promise<{ seconds: number; cpuSeconds: number; entities: number }> {
    this.child.stdin.write(`${file}\n`);
    const line = await this.lines.next();
    return JSON.parse(String(line.value)) as { seconds: number; cpuSeconds: number; entities: number };
  }

  close(): void {
    this.child.stdin.end();
  }
}
