"""Values on the wire (docs/bridge-protocol.md, "Values").

Plain JSON carries strings, booleans, null, finite numbers, arrays and objects. Everything JSON cannot
say is an object with a ``$bridge`` tag: dates as epoch milliseconds, ``undefined``, non-finite
numbers, boxed strings, and any other JavaScript value only by its type name. A plain object that
itself has a ``$bridge`` key arrives wrapped, so the suite's hostile inputs (``{"$ne": null}``) reach
regstack exactly as given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MS = timedelta(milliseconds=1)


class Undefined:
    """JavaScript ``undefined``: an argument or key the caller left out."""

    def __repr__(self) -> str:
        return "undefined"


UNDEFINED = Undefined()


@dataclass(frozen=True)
class UnrepresentableDate:
    """A ``Date`` Python's ``datetime`` cannot hold (invalid, or outside years 1..9999).

    It is handed to regstack as is: regstack does not validate dates, so what it does with one is
    what the suite sees.
    """

    ms: float | None


@dataclass(frozen=True)
class Opaque:
    """A JavaScript value with no JSON or Python counterpart (a boxed string, a Map, …)."""

    type: str
    value: Any = None


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    tag = value.get("$bridge")
    if tag is None:
        return {k: decode(v) for k, v in value.items()}
    if tag == "date":
        ms = value.get("ms")
        if ms is None:
            return UnrepresentableDate(None)
        try:
            return EPOCH + timedelta(milliseconds=ms)
        except OverflowError:
            return UnrepresentableDate(ms)
    if tag == "undefined":
        return UNDEFINED
    if tag == "number":
        return float(value["value"])  # "NaN", "Infinity", "-Infinity"
    if tag == "object":
        return {k: decode(v) for k, v in value["value"].items()}
    if tag == "opaque":
        return Opaque(value["type"], value.get("value"))
    raise ValueError(f"unknown $bridge tag {tag!r}")


def to_ms(when: datetime) -> int:
    # Drivers drop the zone on some engines (SQLite); regstack stores UTC, so naive means UTC.
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return (aware - EPOCH) // ONE_MS


def encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$bridge": "date", "ms": to_ms(value)}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$bridge": "number", "value": repr(value).replace("inf", "Infinity").replace("nan", "NaN")}
    if isinstance(value, dict):
        body = {str(k): encode(v) for k, v in value.items()}
        return {"$bridge": "object", "value": body} if "$bridge" in body else body
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Undefined):
        return {"$bridge": "undefined"}
    # ObjectId and anything else a backend may hand back: its string form, as regstack's own
    # models would serialise it.
    return str(value)
