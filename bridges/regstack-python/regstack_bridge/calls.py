"""One entry per kit repository method: the kit's arguments → regstack's call → the kit's result.

Arguments arrive decoded (codec.py) and unvalidated: regstack receives what the suite sent, so a
check of input validation (CONTRACT §0.6) measures regstack, not this bridge. `undefined` in an
options object means "key left out"; trailing `undefined` arguments are left out of the call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from regstack_bridge import models as m
from regstack_bridge.codec import Undefined

Call = Callable[[Any, list[Any]], Awaitable[Any]]


def _opts(value: Any, keys: dict[str, str]) -> dict[str, Any]:
    """kit options object → regstack keyword arguments; `null`/`undefined` object = no options."""
    if value is None or isinstance(value, Undefined):
        return {}
    if not isinstance(value, dict):
        raise m.NotAnObject(f"options must be an object, got {type(value).__name__}")
    return {py: value[ts] for ts, py in keys.items() if ts in value and not isinstance(value[ts], Undefined)}


def _arg(args: list[Any], i: int) -> Any:
    return args[i] if i < len(args) else None


def _window(ms: Any) -> Any:
    # regstack takes a timedelta; a value that is not a number goes through unchanged so regstack's own
    # reaction (if any) is what the suite sees.
    return timedelta(milliseconds=ms) if isinstance(ms, int | float) and not isinstance(ms, bool) else ms


def _opt_now(args: list[Any]) -> dict[str, Any]:
    now = _arg(args, 0)
    return {} if now is None or isinstance(now, Undefined) else {"now": now}


async def _verify(r: Any, a: list[Any]) -> dict[str, Any]:
    o = _opts(a[0], {"userId": "user_id", "kind": "kind", "rawCode": "raw_code"})
    result = await r.mfa_codes.verify(**o)
    return {"outcome": str(result.outcome), "attemptsRemaining": result.attempts_remaining}


async def _list_paged(r: Any, a: list[Any]) -> list[Any]:
    o = _opts(_arg(a, 0), {"skip": "skip", "limit": "limit", "sortByCreatedAtDesc": "sort_by_created_at_desc"})
    return [m.user_out(u) for u in await r.users.list_paged(**{k: v for k, v in o.items() if v is not None})]


async def _count(r: Any, a: list[Any]) -> int:
    keys = {"isActive": "is_active", "isVerified": "is_verified", "isSuperuser": "is_superuser"}
    return await r.users.count(**_opts(_arg(a, 0), keys))


async def _count_recent(r: Any, a: list[Any]) -> int:
    o = _opts(a[1], {"windowMs": "window", "now": "now"})
    if "window" in o:
        o["window"] = _window(o["window"])
    return await r.attempts.count_recent(a[0], **o)


async def _record_failure(r: Any, a: list[Any]) -> None:
    await r.attempts.record_failure(a[0], **_opts(_arg(a, 1), {"when": "when", "ip": "ip"}))


async def _set_result_token(r: Any, a: list[Any]) -> None:
    o = _opts(_arg(a, 2), {"newExpiresAt": "new_expires_at", "wasNew": "was_new"})
    await r.oauth_states.set_result_token(a[0], a[1], **o)


CALLS: dict[tuple[str, str], Call] = {
    ("users", "create"): lambda r, a: _then(r.users.create(m.new_user(a[0])), m.user_out),
    ("users", "getByEmail"): lambda r, a: _then(r.users.get_by_email(a[0]), m.user_out),
    ("users", "getById"): lambda r, a: _then(r.users.get_by_id(a[0]), m.user_out),
    ("users", "setLastLogin"): lambda r, a: r.users.set_last_login(a[0], a[1]),
    ("users", "setTokensInvalidatedAfter"): lambda r, a: r.users.set_tokens_invalidated_after(a[0], a[1]),
    ("users", "updatePassword"): lambda r, a: r.users.update_password(a[0], a[1]),
    ("users", "setActive"): lambda r, a: r.users.set_active(a[0], **_opts(a[1], {"isActive": "is_active"})),
    ("users", "setSuperuser"): lambda r, a: r.users.set_superuser(
        a[0], **_opts(a[1], {"isSuperuser": "is_superuser"})
    ),
    ("users", "setFullName"): lambda r, a: r.users.set_full_name(*a[:2]),
    ("users", "setPhone"): lambda r, a: r.users.set_phone(*a[:2]),
    ("users", "setMfaEnabled"): lambda r, a: r.users.set_mfa_enabled(
        a[0], **_opts(a[1], {"isMfaEnabled": "is_mfa_enabled"})
    ),
    ("users", "updateEmail"): lambda r, a: r.users.update_email(a[0], a[1]),
    ("users", "delete"): lambda r, a: r.users.delete(a[0]),
    ("users", "count"): _count,
    ("users", "listPaged"): _list_paged,
    ("pending", "upsert"): lambda r, a: _then(r.pending.upsert(m.new_pending(a[0])), m.pending_out),
    ("pending", "findByTokenHash"): lambda r, a: _then(r.pending.find_by_token_hash(a[0]), m.pending_out),
    ("pending", "findByEmail"): lambda r, a: _then(r.pending.find_by_email(a[0]), m.pending_out),
    ("pending", "deleteByEmail"): lambda r, a: r.pending.delete_by_email(a[0]),
    ("pending", "purgeExpired"): lambda r, a: r.pending.purge_expired(**_opt_now(a)),
    ("pending", "countUnexpired"): lambda r, a: r.pending.count_unexpired(**_opt_now(a)),
    ("blacklist", "revoke"): lambda r, a: r.blacklist.revoke(a[0], a[1]),
    ("blacklist", "isRevoked"): lambda r, a: r.blacklist.is_revoked(a[0]),
    ("blacklist", "purgeExpired"): lambda r, a: r.blacklist.purge_expired(**_opt_now(a)),
    ("attempts", "recordFailure"): _record_failure,
    ("attempts", "countRecent"): _count_recent,
    ("attempts", "clear"): lambda r, a: r.attempts.clear(a[0]),
    ("attempts", "purgeExpired"): lambda r, a: r.attempts.purge_expired(a[0], _window(a[1])),
    ("mfaCodes", "put"): lambda r, a: r.mfa_codes.put(m.new_mfa_code(a[0])),
    ("mfaCodes", "verify"): _verify,
    ("mfaCodes", "delete"): lambda r, a: r.mfa_codes.delete(**_opts(a[0], {"userId": "user_id", "kind": "kind"})),
    ("mfaCodes", "find"): lambda r, a: _then(
        r.mfa_codes.find(**_opts(a[0], {"userId": "user_id", "kind": "kind"})), m.mfa_code_out
    ),
    ("mfaCodes", "purgeExpired"): lambda r, a: r.mfa_codes.purge_expired(**_opt_now(a)),
    ("oauthIdentities", "create"): lambda r, a: _then(
        r.oauth_identities.create(m.new_identity(a[0])), m.identity_out
    ),
    ("oauthIdentities", "findBySubject"): lambda r, a: _then(
        r.oauth_identities.find_by_subject(**_opts(a[0], {"provider": "provider", "subjectId": "subject_id"})),
        m.identity_out,
    ),
    ("oauthIdentities", "listForUser"): lambda r, a: _then(
        r.oauth_identities.list_for_user(a[0]), lambda rows: [m.identity_out(i) for i in rows]
    ),
    ("oauthIdentities", "delete"): lambda r, a: r.oauth_identities.delete(
        **_opts(a[0], {"userId": "user_id", "provider": "provider"})
    ),
    ("oauthIdentities", "deleteByUserId"): lambda r, a: r.oauth_identities.delete_by_user_id(a[0]),
    ("oauthIdentities", "touchLastUsed"): lambda r, a: r.oauth_identities.touch_last_used(
        **_opts(a[0], {"provider": "provider", "subjectId": "subject_id", "when": "when"})
    ),
    ("oauthStates", "create"): lambda r, a: r.oauth_states.create(m.new_state(a[0])),
    ("oauthStates", "find"): lambda r, a: _then(r.oauth_states.find(a[0]), m.state_out),
    ("oauthStates", "setResultToken"): _set_result_token,
    ("oauthStates", "consume"): lambda r, a: _then(r.oauth_states.consume(a[0]), m.state_out),
    ("oauthStates", "purgeExpired"): lambda r, a: r.oauth_states.purge_expired(**_opt_now(a)),
}


async def _then(pending: Awaitable[Any], convert: Callable[[Any], Any]) -> Any:
    return convert(await pending)


def trim_undefined(args: list[Any]) -> list[Any]:
    """Drops trailing `undefined` arguments (the JavaScript caller left them out)."""
    out = list(args)
    while out and isinstance(out[-1], Undefined):
        out.pop()
    return [None if isinstance(a, Undefined) else a for a in out]
