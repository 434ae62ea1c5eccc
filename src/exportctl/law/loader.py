"""Load a regime folder into a validated :class:`Regime`.

A regime folder holds ``regime.yaml`` (who, what currency, licence types, known gaps),
``sources.yaml`` (named citations), ``instruments.yaml``, ``measures.yaml``, ``groups.yaml``,
``entries.yaml`` and ``rules.yaml`` (licence rules, catch-all rules, exemptions). A record's
``source`` is either a mapping or the id of a named source. Every error names file and line.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from exportctl.errors import RegimeError
from exportctl.law.citation import Source
from exportctl.law.model import (
    CatchAllRule,
    Caution,
    ControlEntry,
    Group,
    Instrument,
    LicenceType,
    Measure,
    Prohibition,
    RegimeInfo,
    Rule,
    SmallValueExemption,
)
from exportctl.law.record import LINE_KEY, Record
from exportctl.law.regime import Regime
from exportctl.law.validate import validate_regime
from exportctl.law.yamlio import line_of, load_yaml, strip_lines

M = TypeVar("M", bound=BaseModel)

FILES = ("regime", "sources", "instruments", "measures", "groups", "entries", "rules")


def _stamp(model: Any, raw: Any, file: str) -> None:
    """Give every nested record its file and line, pairing the model with its raw YAML."""
    if isinstance(model, Record) and isinstance(raw, dict):
        object.__setattr__(model, "__pydantic_private__", {"_file": file, "_line": raw.get(LINE_KEY, 0)})
        for name, info in type(model).model_fields.items():
            key = info.alias or name
            sub = raw.get(key, raw.get(name))
            _stamp(getattr(model, name), sub, file)
    elif isinstance(model, list) and isinstance(raw, list):
        for m, r in zip(model, raw, strict=False):
            _stamp(m, r, file)


def _resolve_sources(raw: Any, sources: dict[str, dict[str, Any]], file: str) -> Any:
    """Replace ``source: <id>`` by the named source's mapping (a copy, keeping its id)."""
    if isinstance(raw, list):
        return [_resolve_sources(x, sources, file) for x in raw]
    if not isinstance(raw, dict):
        return raw
    out = {}
    for k, v in raw.items():
        if k == "source" and isinstance(v, str):
            if v not in sources:
                near = [s for s in sources if s.split("-")[0] == v.split("-")[0]][:5]
                hint = f"; known sources include {', '.join(near)}" if near else ""
                raise RegimeError(file, raw.get(LINE_KEY), f"unknown source id {v!r}{hint}")
            out[k] = {**sources[v], "id": v}
        else:
            out[k] = _resolve_sources(v, sources, file)
    return out


def _validate(cls: type[M], raw: Any, file: str, loc_prefix: str = "") -> M:
    try:
        model = cls.model_validate(strip_lines(raw))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        line = line_of(raw, loc)
        path = ".".join(str(p) for p in (loc_prefix, *loc) if p != "")
        raise RegimeError(file, line, f"{path}: {err['msg']}" if path else err["msg"]) from exc
    _stamp(model, raw, file)
    return model


def _section(doc: Any, key: str, file: str) -> list[Any]:
    if doc is None:
        return []
    if not isinstance(doc, dict):
        raise RegimeError(file, 1, "expected a mapping at the top level")
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise RegimeError(file, doc.get(LINE_KEY), f"{key!r} must be a list")
    return items


def _records(cls: type[M], doc: Any, key: str, file: str) -> list[M]:
    return [_validate(cls, item, file, f"{key}[{i}]") for i, item in enumerate(_section(doc, key, file))]


def _index(records: list[Any], file: str, what: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in records:
        if r.id in out:
            raise RegimeError(file, r._line, f"duplicate {what} id {r.id!r} (first at line {out[r.id]._line})")
        out[r.id] = r
    return out


def _canonical_hash(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def regime_payload(regime: Regime) -> dict[str, Any]:
    """Every record of ``regime`` as canonical JSON-ready data: what the version hash covers."""

    def dump(records: Any) -> list[Any]:
        return [r.model_dump(mode="json", by_alias=True) for r in records]

    return {
        "info": regime.info.model_dump(mode="json", by_alias=True),
        "instruments": dump(regime.instruments.values()),
        "measures": dump(regime.measures.values()),
        "groups": dump(regime.groups.values()),
        "entries": dump(regime.entries.values()),
        "licence_types": dump(regime.licence_types.values()),
        "rules": dump(regime.rules),
        "catch_all": dump(regime.catch_all),
        "exemptions": dump(regime.exemptions),
        "prohibitions": dump(regime.prohibitions),
        "cautions": dump(regime.cautions),
    }


def regime_hash(regime: Regime) -> str:
    """Content hash over canonical JSON of every record: names the data behind any answer."""
    return payload_hash(regime_payload(regime))


def payload_hash(payload: dict[str, Any]) -> str:
    """The version a :func:`regime_payload` hashes to, computed from the payload as stored.

    Why apart from :func:`regime_hash`: a snapshot written by an earlier release must be checked
    against its own text; re-dumped by the current model it would gain the fields added since
    (with their defaults) and hash differently though nothing in it changed.
    """
    return _canonical_hash(payload)[:16]


def regime_from_payload(payload: dict[str, Any], version: str | None = None) -> Regime:
    """Rebuild a regime from :func:`regime_payload` (e.g. a stored snapshot, for audit replay).

    ``version``: the version the payload was stored under, already checked against it
    (:func:`payload_hash`); it stays the regime's version whatever fields the model has gained since.
    """

    def index(cls: type[M], key: str) -> dict[str, Any]:
        return {r.id: r for r in (cls.model_validate(x) for x in payload[key])}  # type: ignore[attr-defined]

    regime = Regime(
        info=RegimeInfo.model_validate(payload["info"]),
        sources={},
        instruments=index(Instrument, "instruments"),
        measures=index(Measure, "measures"),
        groups=index(Group, "groups"),
        entries=index(ControlEntry, "entries"),
        licence_types=index(LicenceType, "licence_types"),
        rules=[Rule.model_validate(x) for x in payload["rules"]],
        catch_all=[CatchAllRule.model_validate(x) for x in payload["catch_all"]],
        exemptions=[SmallValueExemption.model_validate(x) for x in payload["exemptions"]],
        prohibitions=[Prohibition.model_validate(x) for x in payload.get("prohibitions", [])],
        cautions=[Caution.model_validate(x) for x in payload.get("cautions", [])],
        folder="(snapshot)",
    )
    regime.version = version or regime_hash(regime)
    return regime


def load_regime(folder: Path, display_root: Path | None = None) -> Regime:
    """Read and validate one regime folder. Raises :class:`RegimeError` naming file and line."""
    root = display_root or folder.parent

    def name(stem: str) -> str:
        path = folder / f"{stem}.yaml"
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    docs: dict[str, Any] = {}
    for stem in FILES:
        path = folder / f"{stem}.yaml"
        if not path.exists():
            raise RegimeError(name(stem), None, "missing regime file")
        docs[stem] = load_yaml(path, name(stem))

    raw_sources: dict[str, dict[str, Any]] = {}
    src_file = name("sources")
    for item in _section(docs["sources"], "sources", src_file):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise RegimeError(src_file, getattr(item, "get", lambda _k: None)(LINE_KEY), "source needs an id")
        if item["id"] in raw_sources:
            raise RegimeError(src_file, item.get(LINE_KEY), f"duplicate source id {item['id']!r}")
        raw_sources[item["id"]] = item
    sources = {k: _validate(Source, v, src_file) for k, v in raw_sources.items()}

    resolved = {stem: _resolve_sources(docs[stem], raw_sources, name(stem)) for stem in FILES if stem != "sources"}
    info_doc = resolved["regime"]
    if not isinstance(info_doc, dict):
        raise RegimeError(name("regime"), 1, "expected a mapping at the top level")
    info_raw = {k: v for k, v in info_doc.items() if k != "licence_types"}
    info = _validate(RegimeInfo, info_raw, name("regime"))
    licence_types = _index(
        _records(LicenceType, info_doc, "licence_types", name("regime")), name("regime"), "licence type"
    )

    regime = Regime(
        info=info,
        sources=sources,
        instruments=_index(
            _records(Instrument, resolved["instruments"], "instruments", name("instruments")),
            name("instruments"),
            "instrument",
        ),
        measures=_index(
            _records(Measure, resolved["measures"], "measures", name("measures")), name("measures"), "measure"
        ),
        groups=_index(_records(Group, resolved["groups"], "groups", name("groups")), name("groups"), "group"),
        entries=_index(
            _records(ControlEntry, resolved["entries"], "entries", name("entries")), name("entries"), "entry"
        ),
        licence_types=licence_types,
        rules=_records(Rule, resolved["rules"], "rules", name("rules")),
        catch_all=_records(CatchAllRule, resolved["rules"], "catch_all", name("rules")),
        exemptions=_records(SmallValueExemption, resolved["rules"], "exemptions", name("rules")),
        prohibitions=_records(Prohibition, resolved["rules"], "prohibitions", name("rules")),
        cautions=_records(Caution, resolved["rules"], "cautions", name("rules")),
        folder=str(folder),
    )
    _index(
        regime.rules + regime.catch_all + regime.exemptions + regime.prohibitions + regime.cautions,
        name("rules"),
        "rule",
    )
    validate_regime(regime)
    regime.version = regime_hash(regime)
    return regime


def shipped_regimes_dir() -> Path:
    return Path(str(resources.files("exportctl") / "regimes"))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while the law is read.

    Why: reading the regimes makes about a million small objects (parsed YAML, then the records),
    none of them garbage, and the collector, run every few hundred allocations, went through
    them again and again: about a fifth of loading the law (0.2-0.3 s of 1.1-1.3 s a process,
    measured with ``gc.callbacks``). Nothing is lost: what is garbage is collected after.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_regimes(base: Path) -> dict[str, Regime]:
    """Every regime folder under ``base`` read from its YAML and validated (uncached)."""
    out: dict[str, Regime] = {}
    with _collector_paused():
        for folder in sorted(p for p in base.iterdir() if p.is_dir() and (p / "regime.yaml").exists()):
            regime = load_regime(folder, base)
            out[regime.jurisdiction] = regime
    if not out:
        raise RegimeError(str(base), None, "no regime folders found (each needs a regime.yaml)")
    return out


@lru_cache(maxsize=4)
def _load_all(root: str) -> dict[str, Regime]:
    base = Path(root)
    if base == shipped_regimes_dir().resolve():
        # The shipped law as the package build read it, when that is exactly what the YAML gives
        # (law/prebuilt.py); never for a folder given by --regimes, whose pickle could be anyone's.
        from exportctl.law import prebuilt

        with _collector_paused():
            kept = prebuilt.read(base)
        if kept is not None:
            return kept
    return read_regimes(base)


def load_regimes(root: Path | None = None, *, from_yaml: bool = False) -> dict[str, Regime]:
    """All regimes under ``root`` (default: the shipped data), keyed by jurisdiction code.

    ``from_yaml`` reads every file afresh (``exportctl validate``: a check of the data must read the data, not
    the copy the package build kept, law/prebuilt.py, nor one read earlier in the process).

    A ``root`` that is missing or not a folder is a :class:`RegimeError` naming it: it usually
    comes from ``--regimes`` or ``EXPORTCTL_REGIMES``, and a bare ``FileNotFoundError`` from deep
    in the loader told the user neither which setting nor what to do.
    """
    base = root or shipped_regimes_dir()
    if not base.exists():
        raise RegimeError(str(base), None, "no such regime folder (check --regimes or EXPORTCTL_REGIMES)")
    if not base.is_dir():
        raise RegimeError(str(base), None, "not a folder: give a regime folder or a folder of regimes")
    return read_regimes(base.resolve()) if from_yaml else _load_all(str(base.resolve()))


def bundle_version(regimes: dict[str, Regime]) -> str:
    """One hash naming the whole bundle of regimes (recorded with every answer)."""
    return _canonical_hash({k: r.version for k, r in sorted(regimes.items())})[:16]
