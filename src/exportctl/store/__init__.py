"""Storage: SQLAlchemy tables, Alembic migrations, the audit log, API keys, regime snapshots."""
