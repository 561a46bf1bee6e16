"""One handshake and one analysis with a sidecar bundle: `converse.py EXE`. Prints the model_loaded
line and the entities of a sentence; exits 1 when the bundle does not start or finds nothing.
Used by debian11.sh both inside the Debian 11 root and on the host (stdlib only)."""

import json
import subprocess
import sys

TEXT = "Ada Lovelace wrote to Charles Babbage from London in 1843."
requests = [{"id": "a", "action": "analyze", "text": TEXT}, {"id": "b", "action": "shutdown"}]
done = subprocess.run(
    [sys.argv[1]],
    input="".join(json.dumps(r) + "\n" for r in requests),
    capture_output=True,
    text=True,
    env={"PATH": "/nonexistent"},  # no Python around: the bundle must carry its own
    timeout=300,
)
found = False
for line in done.stdout.splitlines():
    msg = json.loads(line)
    if msg.get("status") == "model_loaded":
        print(f"  handshake: model_loaded {msg['model']} {msg['model_version']}, protocol {msg['protocol']}")
    elif msg.get("id") == "a" and msg.get("success"):
        entities = msg["data"]["results"][0]["entities"]
        print("  analysis:", ", ".join(f"{e['text']} ({e['label']})" for e in entities))
        found = bool(entities)
if not found:
    print(f"  no analysis (exit {done.returncode}): {done.stderr.strip()[-400:]}")
sys.exit(0 if found else 1)
