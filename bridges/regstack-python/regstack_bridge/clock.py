"""The suite's clock inside this process.

regstack takes an injected ``Clock`` for some instants (user ``updated_at``, MFA expiry) and reads
``datetime.now(UTC)`` itself for others (every omitted ``now``/``when``, model defaults). The first
kind reads :class:`RequestClock`, which answers the ``now`` sent with the request being served (a
context variable, so concurrent requests each see their own). The second kind is driven by
time-machine: the process clock is moved to the request's ``now`` before regstack's code runs.
"""

from __future__ import annotations

import contextvars
from datetime import UTC, datetime

import time_machine

from regstack_bridge.codec import EPOCH, ONE_MS

_current: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("suite_now", default=None)


def from_ms(ms: int) -> datetime:
    return EPOCH + ms * ONE_MS


class RequestClock:
    """A regstack ``Clock`` answering the suite's ``now`` of the request being served."""

    def now(self) -> datetime:
        value = _current.get()
        # Unset only under --ignore-clock (the deliberately broken target): the real wall clock.
        return datetime.now(UTC) if value is None else value


class SystemTime:
    """Moves the process clock (``datetime.now``, ``time.time``) to the suite's instants."""

    def __init__(self) -> None:
        self._traveller = time_machine.travel(EPOCH, tick=False)
        self._coordinates = self._traveller.start()

    def enter(self, now: datetime) -> None:
        """Called synchronously right before a request's regstack call starts."""
        _current.set(now)
        self._coordinates.move_to(now)

    def stop(self) -> None:
        self._traveller.stop()

