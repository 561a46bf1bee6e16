"""Samsara's spaCy sidecar: named entities over newline-delimited JSON on stdin/stdout.

See ../PROTOCOL.md for the wire format; server/src/protocol/sidecar.ts is the reference.
"""

PROTOCOL_VERSION = 1
