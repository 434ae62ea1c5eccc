"""The audit log's seal: keyed checkpoints kept outside the database.

Why (docs/design.md, "Audit log"; threat model there): the hash chain shows that rows fit
together, but an intruder with write access to the database can delete the last rows, wipe the
table, or rewrite rows and recompute every hash, and the chain still fits. So after every commit
the writer appends a checkpoint — the last row's id and hash — to a file beside a secret key, each
line MAC'd with the key and chained to the line before. ``audit verify`` checks the database
against the checkpoints: rows missing (truncation, wipe, dropped table), rows that differ from a
sealed hash (rewrite, re-chain, reorder), rows beyond the last checkpoint (appended outside the
service), and regime snapshots that differ from their sealed digest. What the seal cannot see: an
intruder who can also write the seal directory; a crash between a commit and its checkpoint shows
as unsealed rows at the end (reported as such, never silently accepted).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exportctl.settings import Settings

GENESIS_MAC = "0" * 64
_LOCK = threading.Lock()


def _safe_url(url: str) -> str:
    import sqlalchemy as sa

    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


@dataclass
class Seal:
    folder: Path

    @classmethod
    def for_database(cls, url: str) -> Seal:
        """The seal of one database: ``EXPORTCTL_AUDIT_DIR`` or ``<data dir>/audit/<digest of the URL>``."""
        base = os.environ.get("EXPORTCTL_AUDIT_DIR")
        root = Path(base) if base else Settings.from_env().resolved_data_dir / "audit"
        digest = hashlib.sha256(_safe_url(url).encode("utf-8")).hexdigest()[:16]
        return cls(root / digest)

    @property
    def key_path(self) -> Path:
        return self.folder / "key"

    @property
    def log_path(self) -> Path:
        return self.folder / "checkpoints.jsonl"

    def exists(self) -> bool:
        return self.log_path.exists()

    def _key(self, create: bool) -> bytes | None:
        if self.key_path.exists():
            return bytes.fromhex(self.key_path.read_text(encoding="ascii").strip())
        if not create:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key.hex())
        return key

    def _entries(self) -> list[dict[str, Any]]:
        if not self.log_path.exists():
            return []
        return [json.loads(line) for line in self.log_path.read_text(encoding="utf-8").splitlines() if line.strip()]

    @staticmethod
    def _mac(key: bytes, prev_mac: str, body: dict[str, Any]) -> str:
        text = prev_mac + "\n" + json.dumps(body, sort_keys=True, separators=(",", ":"))
        return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def _last_mac(self) -> str:
        """The MAC of the last line, read from the end of the file.

        Why not the whole file: the service appends a checkpoint up to twenty times a second, so
        the file grows by tens of thousands of lines a day; re-reading it all on every append made
        each checkpoint slower than the one before (``read`` checks the whole chain; appending
        needs only its end).
        """
        if not self.log_path.exists():
            return GENESIS_MAC
        with self.log_path.open("rb") as f:
            end = f.seek(0, os.SEEK_END)
            block = 4096
            while True:
                start = max(0, end - block)
                f.seek(start)
                tail = f.read(end - start)
                lines = [line for line in tail.splitlines() if line.strip()]
                # A whole last line: more than one line in the block, or the block is the whole file.
                if lines and (len(lines) > 1 or start == 0):
                    return str(json.loads(lines[-1])["mac"])
                if start == 0:
                    return GENESIS_MAC
                block *= 4

    def append(self, body: dict[str, Any]) -> None:
        """Seal one fact (a checkpoint or a snapshot digest): MAC'd and chained to the last line."""
        with _LOCK:
            key = self._key(create=True)
            assert key is not None
            prev = self._last_mac()
            line = {**body, "mac": self._mac(key, prev, body)}
            with self.log_path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(line, sort_keys=True) + "\n")
                f.flush()
                os.fsync(f.fileno())

    def read(self) -> tuple[list[dict[str, Any]], str | None]:
        """The sealed entries, or the first reason they cannot be trusted."""
        entries = self._entries()
        if not entries:
            return [], None
        key = self._key(create=False)
        if key is None:
            return [], "the seal's key is missing"
        prev = GENESIS_MAC
        for n, e in enumerate(entries, start=1):
            body = {k: v for k, v in e.items() if k != "mac"}
            if not hmac.compare_digest(self._mac(key, prev, body), str(e.get("mac"))):
                return [], f"seal line {n} does not verify with the key (seal file edited)"
            prev = e["mac"]
        return entries, None
