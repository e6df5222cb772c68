"""regstack's exceptions → the kit's error codes (docs/bridge-protocol.md, "Errors").

regstack raises its three typed errors with the email (or a message) as the only argument, so the
fields the kit's errors carry are taken from the call's own arguments — which is what CONTRACT §0.1
says they hold ("the email of the argument"). Anything else is reported as `UNEXPECTED` with its
Python type, never dressed up as a typed error.
"""

from __future__ import annotations

from typing import Any

from regstack.backends.protocols import (
    OAuthIdentityAlreadyLinkedError,
    PendingAlreadyExistsError,
    UserAlreadyExistsError,
)


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def to_wire(error: BaseException, repo: str, method: str, args: list[Any]) -> dict[str, Any]:
    first = args[0] if args else None
    if isinstance(error, UserAlreadyExistsError):
        email = args[1] if method == "updateEmail" and len(args) > 1 else _get(first, "email")
        return {"code": "USER_ALREADY_EXISTS", "fields": {"email": email}, "message": str(error)}
    if isinstance(error, PendingAlreadyExistsError):
        return {"code": "PENDING_ALREADY_EXISTS", "fields": {"email": _get(first, "email")}, "message": str(error)}
    if isinstance(error, OAuthIdentityAlreadyLinkedError):
        fields = {"provider": _get(first, "provider"), "subjectId": _get(first, "subjectId")}
        return {"code": "OAUTH_IDENTITY_ALREADY_LINKED", "fields": fields, "message": str(error)}
    return {
        "code": "UNEXPECTED",
        "fields": {"type": f"{type(error).__module__}.{type(error).__qualname__}"},
        "message": str(error)[:2000],
    }
