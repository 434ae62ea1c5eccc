"""The law bundle: curated regimes plus typed overlays plus one version, assembled in one place.

Why (docs/design.md, "The law bundle"): every answer must say which law it rests on. A bundle is
immutable; it is built from explicit settings only (the regime folder and the proposals store),
never from whatever files happen to lie in ``$HOME``. Its version is a hash of the curated
regime versions and the overlays, so two answers with the same bundle version rest on the same
law. The service asks :class:`BundleSource` for the current bundle on every request: a decision
taken in the CLI or in another worker is seen by the next answer everywhere.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from exportctl.intake.proposals import DatabaseStore, accepted_overlays, none_accepted, open_store
from exportctl.law.loader import bundle_version, load_regimes
from exportctl.law.overlay import Overlay, apply_overlays
from exportctl.law.regime import Regime
from exportctl.settings import Settings


@dataclass(frozen=True)
class LawBundle:
    regimes: Mapping[str, Regime]
    overlays: tuple[Overlay, ...] = ()
    curated_version: str = ""
    version: str = ""

    @property
    def overlay_ids(self) -> list[str]:
        return [o.id for o in self.overlays]

    def overlays_for(self, jurisdiction: str) -> list[str]:
        return [o.id for o in self.overlays if o.jurisdiction == jurisdiction]


def _version(curated: str, overlays: tuple[Overlay, ...]) -> str:
    if not overlays:
        return curated
    text = curated + "|" + "|".join(f"{o.id}:{o.model_dump_json()}" for o in overlays)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def assemble(curated: dict[str, Regime], overlays: list[Overlay]) -> LawBundle:
    """Curated regimes with the overlays applied (pure)."""
    known = [o for o in overlays if o.jurisdiction in curated]
    regimes = apply_overlays(curated, known) if known else dict(curated)
    cv = bundle_version(curated)
    return LawBundle(regimes=regimes, overlays=tuple(known), curated_version=cv, version=_version(cv, tuple(known)))


@dataclass
class BundleSource:
    """The current bundle for a long-running shell (the service): reloads when decisions change."""

    settings: Settings
    curated: dict[str, Regime] = field(default_factory=dict)
    store: DatabaseStore | None = None
    _bundle: LawBundle | None = None
    _seen: tuple[str, ...] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if not self.curated:
            self.curated = load_regimes(self.settings.regimes_dir)

    def current(self) -> LawBundle:
        store = self.store if self.store is not None else open_store(self.settings, create=False)
        seen = store.fingerprint() if store is not None else ()
        with self._lock:
            if self._bundle is None or seen != self._seen:
                self._bundle = assemble(self.curated, accepted_overlays(store))
                self._seen = seen
            return self._bundle


def load_bundle(settings: Settings) -> LawBundle:
    """One bundle, for a one-shot shell (the CLI): curated law plus accepted overlays, nothing written."""
    if none_accepted(settings):  # no overlay to read: the store is not opened (:func:`none_accepted`)
        return assemble(load_regimes(settings.regimes_dir), [])
    return BundleSource(settings).current()
