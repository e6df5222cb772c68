"""The kit's camelCase models ⇄ regstack's pydantic models.

Inputs are built with ``model_construct``: regstack's repositories take model instances its callers
built, and keys the caller left out are left out here too, so regstack's own defaults apply. Outputs
carry exactly the kit's fields (closed models, §0.7); ids are strings.

Emails: regstack's models type them ``EmailStr``, and its repositories validate what they read back
through those models — which rejects most strings the suite generates and normalises the rest (domain
lower-cased, white space stripped). CONTRACT §0 leaves that model layer out of the kit ("repositories
store strings"), so by default :func:`relax_model_emails` retypes those three fields as ``str``; the
rest of each model, and every repository, is regstack's unchanged. ``--keep-email-validation`` runs
regstack's models as published.
"""

from __future__ import annotations

from typing import Any

from regstack.models.mfa_code import MfaCode
from regstack.models.oauth_identity import OAuthIdentity
from regstack.models.oauth_state import OAuthState
from regstack.models.pending_registration import PendingRegistration
from regstack.models.user import BaseUser

from regstack_bridge.codec import Undefined

# kit field → regstack field, per model (ids are never inputs, except an OAuth state's).
USER = {
    "email": "email",
    "hashedPassword": "hashed_password",
    "isActive": "is_active",
    "isVerified": "is_verified",
    "isSuperuser": "is_superuser",
    "fullName": "full_name",
    "phoneNumber": "phone_number",
    "isMfaEnabled": "is_mfa_enabled",
    "createdAt": "created_at",
    "updatedAt": "updated_at",
    "lastLogin": "last_login",
    "tokensInvalidatedAfter": "tokens_invalidated_after",
}
PENDING = {
    "email": "email",
    "hashedPassword": "hashed_password",
    "fullName": "full_name",
    "tokenHash": "token_hash",
    "createdAt": "created_at",
    "expiresAt": "expires_at",
}
MFA_CODE = {
    "userId": "user_id",
    "kind": "kind",
    "codeHash": "code_hash",
    "expiresAt": "expires_at",
    "attempts": "attempts",
    "maxAttempts": "max_attempts",
    "createdAt": "created_at",
}
IDENTITY = {
    "userId": "user_id",
    "provider": "provider",
    "subjectId": "subject_id",
    "email": "email",
    "linkedAt": "linked_at",
    "lastUsedAt": "last_used_at",
}
STATE = {
    "id": "id",
    "provider": "provider",
    "codeVerifier": "code_verifier",
    "nonce": "nonce",
    "redirectTo": "redirect_to",
    "mode": "mode",
    "linkingUserId": "linking_user_id",
    "createdAt": "created_at",
    "expiresAt": "expires_at",
    "resultToken": "result_token",
    "resultWasNew": "result_was_new",
}


def relax_model_emails() -> None:
    """Retypes the ``email`` field of regstack's three ``EmailStr`` models as plain ``str``."""
    from regstack.models.login_attempt import LoginAttempt

    for model in (BaseUser, PendingRegistration, LoginAttempt):
        field = model.model_fields["email"]
        field.annotation = str
        field.metadata = []
        model.model_rebuild(force=True)


class NotAnObject(TypeError):
    """A model input that is not an object (the suite's hostile inputs send `null`, `"x"`, …)."""


def _construct(model: type[Any], fields: dict[str, str], data: Any) -> Any:
    if not isinstance(data, dict):
        raise NotAnObject(f"{model.__name__} input must be an object, got {type(data).__name__}")
    values = {py: data[ts] for ts, py in fields.items() if ts in data and not isinstance(data[ts], Undefined)}
    return model.model_construct(**values)


def _out(model: Any, fields: dict[str, str], with_id: bool = True) -> dict[str, Any] | None:
    if model is None:
        return None
    out = {ts: getattr(model, py, None) for ts, py in fields.items()}
    if with_id:
        out["id"] = None if model.id is None else str(model.id)
    return out


def new_user(data: Any) -> BaseUser:
    return _construct(BaseUser, USER, data)


def new_pending(data: Any) -> PendingRegistration:
    return _construct(PendingRegistration, PENDING, data)


def new_mfa_code(data: Any) -> MfaCode:
    return _construct(MfaCode, MFA_CODE, data)


def new_identity(data: Any) -> OAuthIdentity:
    return _construct(OAuthIdentity, IDENTITY, data)


def new_state(data: Any) -> OAuthState:
    return _construct(OAuthState, STATE, data)


def user_out(m: Any) -> dict[str, Any] | None:
    return _out(m, USER)


def pending_out(m: Any) -> dict[str, Any] | None:
    return _out(m, PENDING)


def mfa_code_out(m: Any) -> dict[str, Any] | None:
    return _out(m, MFA_CODE)


def identity_out(m: Any) -> dict[str, Any] | None:
    return _out(m, IDENTITY)


def state_out(m: Any) -> dict[str, Any] | None:
    return _out(m, STATE, with_id=False)
