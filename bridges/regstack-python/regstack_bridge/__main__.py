"""Serve regstack's repositories to @regstack/conformance over JSON lines on stdin/stdout.

    python -m regstack_bridge mongo|sqlite|postgresql [--ignore-clock] [--keep-email-validation]

`--ignore-clock` is a deliberately broken target for the kit's own tests: it never moves the clock
to the suite's `now`, so regstack runs on the real wall clock and the suite must report it.
`--keep-email-validation` leaves regstack's `EmailStr` model fields as published (see models.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from importlib.metadata import version
from typing import Any

from regstack_bridge import PROTOCOL_VERSION
from regstack_bridge.calls import CALLS, trim_undefined
from regstack_bridge.clock import SystemTime, from_ms
from regstack_bridge.codec import decode, encode
from regstack_bridge.errors import to_wire
from regstack_bridge.models import relax_model_emails
from regstack_bridge.stores import BACKENDS, Store


class Server:
    def __init__(self, stores: Any, ignore_clock: bool) -> None:
        self._stores = stores
        self._open: dict[str, Store] = {}
        self._time = None if ignore_clock else SystemTime()
        self._out = sys.stdout

    def send(self, message: dict[str, Any]) -> None:
        # One write per line, never interleaved: the event loop runs one callback at a time.
        self._out.write(json.dumps(message, ensure_ascii=True, allow_nan=False) + "\n")
        self._out.flush()

    def _enter(self, now_ms: Any) -> None:
        if self._time is not None and isinstance(now_ms, int):
            self._time.enter(from_ms(now_ms))

    async def handle(self, request: dict[str, Any]) -> None:
        rid = request.get("id")
        op = request.get("op")
        try:
            if op == "call":
                result = await self._call(request)
            elif op == "open":
                self._enter(request.get("now"))
                self._open[request["store"]] = await self._stores.open(request["store"])
                result = None
            elif op == "close":
                store = self._open.pop(request["store"], None)
                if store is not None:
                    await store.release()
                result = None
            else:
                raise ValueError(f"unknown op {op!r}")
        except Exception as error:  # noqa: BLE001 — every failure goes back to the caller, typed
            args = request.get("args") if isinstance(request.get("args"), list) else []
            self.send({"id": rid, "ok": False,
                       "error": to_wire(error, str(request.get("repo")), str(request.get("method")), args)})
            return
        self.send({"id": rid, "ok": True, "result": encode(result)})

    async def _call(self, request: dict[str, Any]) -> Any:
        store = self._open.get(request["store"])
        if store is None:
            raise KeyError(f"store {request['store']!r} is not open")
        call = CALLS.get((request["repo"], request["method"]))
        if call is None:
            raise AttributeError(f"no method {request['repo']}.{request['method']}")
        args = trim_undefined(decode(request["args"]))
        # The clock moves and the call starts in the same synchronous step, so regstack's reads of
        # "now" before its first await see this request's instant.
        self._enter(request.get("now"))
        return await call(store.backend, args)

    async def close_all(self) -> None:
        for store in list(self._open.values()):
            try:
                await store.release()
            except Exception:  # noqa: BLE001, S110 — shutting down; the engine is going away too
                pass
        self._open.clear()


def contract_revision(regstack_version: str) -> str:
    """The contract revision a regstack release implements (CONTRACT §0.19): 0.8.3 added result_was_new."""
    parts = tuple(int(p) for p in regstack_version.split(".")[:3] if p.isdigit())
    return "2026-07" if parts >= (0, 8, 3) else "2026-05"


async def serve(backend: str, ignore_clock: bool) -> None:
    stores = BACKENDS[backend]()
    try:
        await stores.start()
        server = Server(stores, ignore_clock)
        server.send({
            "bridge": "regstack-conformance",
            "protocol": PROTOCOL_VERSION,
            "implementation": {
                "name": f"regstack {backend}" + (" (ignores the clock)" if ignore_clock else ""),
                "version": version("regstack"),
                "engine": stores.engine,
            },
            "capabilities": {"automaticExpiry": stores.automatic_expiry},
            "revision": contract_revision(version("regstack")),
        })
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=64 * 1024 * 1024)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        tasks: set[asyncio.Task[None]] = set()
        while line := await reader.readline():
            task = asyncio.ensure_future(server.handle(json.loads(line)))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        await server.close_all()
    finally:
        await stores.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m regstack_bridge")
    parser.add_argument("backend", choices=sorted(BACKENDS))
    parser.add_argument("--ignore-clock", action="store_true")
    parser.add_argument("--keep-email-validation", action="store_true")
    options = parser.parse_args()
    if not options.keep_email_validation:
        relax_model_emails()
    asyncio.run(serve(options.backend, options.ignore_clock))


if __name__ == "__main__":
    main()
