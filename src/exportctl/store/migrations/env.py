"""Alembic environment: runs migrations on the connection handed over by exportctl.store.db."""

from __future__ import annotations

from alembic import context

from exportctl.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - exportctl always passes a connection
    raise RuntimeError("run migrations through `exportctl db upgrade`")
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
