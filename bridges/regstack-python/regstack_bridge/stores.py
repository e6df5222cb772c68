"""One regstack backend per suite store (docs/bridge-protocol.md, "Stores").

- ``mongo``: regstack's ``MongoBackend`` on one database per open store, emptied on close and reused
  by a later store (dropped at exit on an external server). The engine is
  ``REGSTACK_BRIDGE_MONGO_URI`` when set, else a SecantusDB daemon (``secantusd-py`` from this venv)
  started on a free port with a scratch WiredTiger folder and stopped at exit.
- ``sqlite``: regstack's ``SqlBackend`` on a file per store, copied from a template migrated once
  (running Alembic for every store would dominate the run).
- ``postgresql``: ``SqlBackend`` on a database per open store, created from a template database
  migrated once (``CREATE DATABASE … TEMPLATE``), emptied on close and reused by a later store.
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
        self._created: list[str] = []
        self._free: list[str] = []

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
        # A database per open store. Creating one (collections, nine indexes, the oauth_states
        # validator) is most of a store's cost on SecantusDB, so a released database is emptied
        # (delete_many on every collection; indexes stay) and handed to the next open.
        reused = bool(self._free)
        if reused:
            database = self._free.pop()
        else:
            database = f"rsb_{os.getpid()}_{len(self._created)}"
            self._created.append(database)
        base, _, query = self.uri.partition("?")
        url = f"{base.rstrip('/')}/{database}" + (f"?{query}" if query else "")
        backend = build_backend(_config(url), clock=RequestClock())
        if not reused:
            await backend.install_schema()

        async def release() -> None:
            try:
                for name in await backend.database.list_collection_names():
                    await backend.database[name].delete_many({})
                self._free.append(database)
            finally:
                await backend.aclose()

        return Store(backend, release)

    async def stop(self) -> None:
        if self._created and self._daemon is None:
            from pymongo import AsyncMongoClient

            client: AsyncMongoClient[Any] = AsyncMongoClient(self.uri)
            try:
                for database in self._created:
                    await client.drop_database(database)
            finally:
                await client.close()
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
        self._prefix = f"rsb_{os.getpid()}"
        self._template = f"{self._prefix}_template"
        self.engine = "postgresql"
        self._lock = asyncio.Lock()
        self._created: list[str] = []
        self._free: list[str] = []

    def _url(self, database: str, driver: str = "postgresql+asyncpg") -> str:
        return f"{driver}://{self._admin_url.split('://', 1)[1].rsplit('/', 1)[0]}/{database}"

    async def _run(self, sql: str, database: str | None = None, *, script: bool = False) -> Any:
        """One statement's first value, or with ``script`` a run of statements (no result)."""
        import asyncpg

        conn = await asyncpg.connect(self._admin_url if database is None else self._url(database, "postgresql"))
        try:
            return await (conn.execute(sql) if script else conn.fetchval(sql))
        finally:
            await conn.close()

    async def start(self) -> None:
        await self._run(f'DROP DATABASE IF EXISTS "{self._template}"')
        await self._run(f'CREATE DATABASE "{self._template}"')
        backend = build_backend(_config(self._url(self._template)), clock=RequestClock())
        await backend.install_schema()
        await backend.aclose()
        tables = await self._run(
            "SELECT string_agg(format('DELETE FROM %I', tablename), '; ') FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename <> 'alembic_version'",
            self._template,
        )
        self._empty = f"{tables};"
        version = await self._run("SHOW server_version")
        self.engine = f"postgresql {str(version).split()[0]}"

    async def open(self, namespace: str) -> Store:
        # A database per open store. CREATE DATABASE costs ~0.1 s (more on a busy machine) and the
        # suite opens thousands of stores, so a released database is emptied (DELETE from every
        # table: TRUNCATE costs a file operation per table) and handed to the next open. Integer ids
        # (MFA codes) then continue their sequence instead of restarting: ids are opaque (§0.4).
        async with self._lock:
            if self._free:
                database = self._free.pop()
            else:
                database = f"{self._prefix}_{len(self._created)}"
                await self._run(f'CREATE DATABASE "{database}" TEMPLATE "{self._template}"')
                self._created.append(database)
        backend = build_backend(_config(self._url(database)), clock=RequestClock())

        async def release() -> None:
            await backend.aclose()
            await self._run(self._empty, database, script=True)
            self._free.append(database)

        return Store(backend, release)

    async def stop(self) -> None:
        for database in [*self._created, self._template]:
            await self._run(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


BACKENDS = {"mongo": MongoStores, "sqlite": SqliteStores, "postgresql": PostgresStores}
