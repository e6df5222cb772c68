"""A conformance bridge that serves regstack's own repositories over JSON lines (docs/bridge-protocol.md)."""

PROTOCOL_VERSION = 1
