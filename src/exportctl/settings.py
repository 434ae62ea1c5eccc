"""Where exportctl finds its law and keeps its state, settled in one place and explicitly.

Why (docs/design.md, "Settings and state"): an answer must not depend on hidden files. The law
comes from the shipped regime data (or ``--regimes``); the only state is the database of intake
proposals and decisions (and the service's audit log), which is the SQLite file in the data
directory unless a URL is given. Reads never create it: with no database there are simply no
overlays.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class Settings:
    regimes_dir: Path | None = None
    database_url: str | None = None
    data_dir: Path | None = None

    @classmethod
    def from_env(cls, regimes_dir: Path | None = None, database_url: str | None = None) -> Settings:
        """Explicit values first, then EXPORTCTL_REGIMES, EXPORTCTL_DATABASE_URL, EXPORTCTL_DATA_DIR."""
        env = os.environ
        return cls(
            regimes_dir=regimes_dir or (Path(env["EXPORTCTL_REGIMES"]) if env.get("EXPORTCTL_REGIMES") else None),
            database_url=database_url or env.get("EXPORTCTL_DATABASE_URL") or None,
            data_dir=Path(env["EXPORTCTL_DATA_DIR"]) if env.get("EXPORTCTL_DATA_DIR") else None,
        )

    @property
    def resolved_data_dir(self) -> Path:
        return self.data_dir or Path(platformdirs.user_data_dir("exportctl"))

    @property
    def default_database(self) -> Path:
        """The SQLite file used when no database URL is given."""
        return self.resolved_data_dir / "exportctl.db"

    def store_url(self, *, create: bool) -> str | None:
        """The database URL; on reads (``create=False``) None when it names a SQLite file that
        does not exist, given or the default: a read must not create it (SQLite makes any file
        it is pointed at), and with no database there are no overlays and no proposals."""
        if self.database_url:
            missing = sqlite_file(self.database_url)
            if not create and missing is not None and not missing.exists():
                return None
            return self.database_url
        path = self.default_database
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            return f"sqlite:///{path}"
        return f"sqlite:///{path}" if path.exists() else None


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (``sqlite:///relative``, ``sqlite:////absolute``, with or
    without a driver), None for other databases, in-memory ones and URI filenames.

    Read by hand, not by SQLAlchemy: a ``check`` must not import it to learn that a file is missing.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+", 1)[0].lower() != "sqlite" or not rest.startswith("/"):
        return None
    path = rest[1:].split("?", 1)[0]
    if path in ("", ":memory:") or path.startswith("file:"):
        return None
    return Path(path)
