"""YAML reading that keeps line numbers and refuses YAML 1.1 surprises.

Why not plain ``yaml.safe_load``: it loses line numbers (errors must name file *and* line), it
reads ``NO`` (Norway) as ``False`` and ``2019-02-30`` as a crash with no position, and it lets a
duplicated key silently win. This loader keeps every mapping's line under ``__line__``, resolves
only ``true``/``false`` as booleans, leaves dates as strings for Pydantic to check, and rejects
duplicate keys.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

from exportctl.errors import RegimeError
from exportctl.law.record import LINE_KEY

# libyaml's parser where PyYAML was built with it (the wheels are): the same safe constructor
# and resolvers, about five times faster on the regime files, which every command loads.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[valid-type,misc]
    pass


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _construct_mapping(loader: _LineLoader, node: MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
    out[LINE_KEY] = node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Parse one YAML file; syntax errors become :class:`RegimeError` with file and line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegimeError(name, None, f"cannot read file: {exc}") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RegimeError(name, line, f"invalid YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise RegimeError(name, None, f"invalid YAML: {exc}") from exc


def line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the innermost mapping on the path ``loc`` through parsed YAML."""
    line = data.get(LINE_KEY) if isinstance(data, dict) else None
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and LINE_KEY in node:
            line = node[LINE_KEY]
    return line


def strip_lines(raw: Any) -> Any:
    """The parsed YAML without the ``__line__`` markers (for validation and for plain use)."""
    if isinstance(raw, dict):
        return {k: strip_lines(v) for k, v in raw.items() if k != LINE_KEY}
    if isinstance(raw, list):
        return [strip_lines(x) for x in raw]
    return raw
