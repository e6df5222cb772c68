"""One regstack backend per suite store (docs/bridge-protocol.md, "Stores").

- ``mongo``: regstack's ``MongoBackend`` on one database per store, dropped on close. The engine is
  ``REGSTACK_BRIDGE_MONGO_URI`` when set, else a SecantusDB daemon (``secantusd-py`` from this venv)
  started on a free port with a scratch WiredTiger folder and stopped at exit.
- ``sqlite``: regstack's ``SqlBackend`` on a file per store, copied from a template migrated once
  (running Alembic for every store would dominate the run).
- ``postgresql``: ``SqlBackend`` on a database per store, created from a template database migrated
  once (``CREATE DATABASE … TEMPLATE``), dropped on close.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from regstack.backends.factory import build_backend
from regstack.config.schema import RegStackConfig

from regstack_bridge.clock import RequestClock

# Login attempts must never be reaped by Mongo's TTL monitor during a run (CONTRACT §0.13): the
# largest TTL MongoDB accepts (about 68 years) keeps every generated `when` out of its reach.
ATTEMPTS_TTL_SECONDS = 2_147_483_647


@dataclass
class Store:
    backend: Any
    release: Any  # async () -> None: drops what open created


def _config(url: str) -> RegStackConfig:
    return RegStackConfig(
        database_url=SecretStr(url),
        login_lockout_window_seconds=ATTEMPTS_TTL_SECONDS,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MongoStores:
    engine_kind = "mongodb"
    automatic_expiry = True

    def __init__(self) -> None:
        self._daemon: subprocess.Popen[bytes] | None = None
        self._scratch: str | None = None
        self.uri = os.environ.get("REGSTACK_BRIDGE_MONGO_URI") or self._start_secantus()
        self.engine = "unknown"

    def _start_secantus(self) -> str:
        port = _free_port()
        self._scratch = tempfile.mkdtemp(prefix="regstack-bridge-secantus-")
        daemon = Path(sys.executable).parent / "secantusd-py"
        self._daemon = subprocess.Popen(
            [str(daemon), "--host", "127.0.0.1", "--port", str(port), "--storage-path", self._scratch,
             "--log-level", "WARNING"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr,
        )
        return f"mongodb://127.0.0.1:{port}/?directConnection=true"

    async def start(self) -> None:
        from pymongo import AsyncMongoClient

        client: AsyncMongoClient[Any] = AsyncMongoClient(self.uri, serverSelectionTimeoutMS=30_000)
        try:
            info = await client.admin.command("buildInfo")
            name = "secantusdb" if self._daemon is not None else "mongodb"
            self.engine = f"{name} {info.get('version', '?')}"
        finally:
            await client.close()

    async def open(self, namespace: str) -> Store:
        base, _, query = self.uri.partition("?")
        url = f"{base.rstrip('/')}/{namespace}" + (f"?{query}" if query else "")
        backend = build_backend(_config(url), clock=RequestClock())
        await backend.install_schema()

        async def release() -> None:
            try:
                await backend.client.drop_database(namespace)
            finally:
                await backend.aclose()

        return Store(backend, release)

    async def stop(self) -> None:
        if self._daemon is not None:
            self._daemon.terminate()
            try:
                self._daemon.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._daemon.kill()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


class SqliteStores:
    engine_kind = "sqlite"
    automatic_expiry = False

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="regstack-bridge-sqlite-")
        self._template = Path(self._dir) / "template.sqlite"
        self.engine = "sqlite"

    async def start(self) -> None:
        import sqlite3

        backend = build_backend(_config(f"sqlite+aiosqlite:///{self._template}"), clock=RequestClock())
        await backend.install_schema()
        await backend.aclose()
        self.engine = f"sqlite {sqlite3.sqlite_version}"

    async def open(self, namespace: str) -> Store:
        path = Path(self._dir) / f"{namespace}.sqlite"
        shutil.copyfile(self._template, path)
        backend = build_backend(_config(f"sqlite+aiosqlite:///{path}"), clock=RequestClock())

        async def release() -> None:
            try:
                await backend.aclose()
            finally:
                path.unlink(missing_ok=True)

        return Store(backend, release)

    async def stop(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


class PostgresStores:
    engine_kind = "postgresql"
    automatic_expiry = False

    def __init__(self) -> None:
        self._admin_url = os.environ.get(
            "REGSTACK_BRIDGE_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/postgres"
        )
        self._template = f"rsb_template_{os.getpid()}"
        self.engine = "postgresql"
        self._lock = asyncio.Lock()

    def _url(self, database: str) -> str:
        base = self._admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
        return f"{base}/{database}"

    async def _admin(self, sql: str) -> Any:
        import asyncpg

        conn = await asyncpg.connect(self._admin_url)
        try:
            return await conn.fetchval(sql)
        finally:
            await conn.close()

    async def start(self) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{self._template}"')
        await self._admin(f'CREATE DATABASE "{self._template}"')
        backend = build_backend(_config(self._url(self._template)), clock=RequestClock())
        await backend.install_schema()
        await backend.aclose()
        version = await self._admin("SHOW server_version")
        self.engine = f"postgresql {str(version).split()[0]}"

    async def open(self, namespace: str) -> Store:
        database = f"rsb_{namespace}"
        # CREATE DATABASE … TEMPLATE fails while another session copies the same template.
        async with self._lock:
            await self._admin(f'CREATE DATABASE "{database}" TEMPLATE "{self._template}"')
        backend = build_backend(_config(self._url(database)), clock=RequestClock())

        async def release() -> None:
            try:
                await backend.aclose()
            finally:
                await self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

        return Store(backend, release)

    async def stop(self) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{self._template}"')


BACKENDS = {"mongo": MongoStores, "sqlite": SqliteStores, "postgresql": PostgresStores}
