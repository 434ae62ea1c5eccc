"""API keys: created once (shown once), stored as SHA-256 hashes, scoped read or write, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from exportctl.errors import InputError
from exportctl.store.tables import api_keys

Scope = Literal["read", "write"]


@dataclass(frozen=True)
class KeyInfo:
    id: int
    name: str
    scope: Scope


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


#: The scopes a key may have.
SCOPES = ("read", "write")


def create_key(engine: Engine, name: str, scope: str = "read") -> tuple[int, str]:
    if scope not in SCOPES:
        raise InputError(f"unknown scope {scope!r}", list(SCOPES))
    if not name.strip():
        raise InputError("a key needs a name")
    token = "exk_" + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        result = conn.execute(
            api_keys.insert().values(
                name=name.strip(),
                prefix=token[:12],
                key_hash=_hash(token),
                scope=scope,
                created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
        )
        key_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    return key_id, token


def list_keys(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                api_keys.c.id,
                api_keys.c.name,
                api_keys.c.prefix,
                api_keys.c.scope,
                api_keys.c.created_at,
                api_keys.c.revoked_at,
            ).order_by(api_keys.c.id)
        )
        return [dict(r) for r in rows.mappings()]


def revoke_key(engine: Engine, key: str) -> int:
    """Revoke by id or by name; returns how many keys were revoked."""
    cond = api_keys.c.id == int(key) if key.isdigit() else api_keys.c.name == key
    with engine.begin() as conn:
        n = conn.execute(
            api_keys.update()
            .where(cond & api_keys.c.revoked_at.is_(None))
            .values(revoked_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        ).rowcount
    if not n:
        raise InputError(f"no active key {key!r}")
    return int(n)


def authenticate(engine: Engine, token: str) -> KeyInfo | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(api_keys).where(api_keys.c.key_hash == _hash(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    return KeyInfo(id=row.id, name=row.name, scope=row.scope)
