"""The shipped law as the package build read it (law/prebuilt.py): used only when it is what the YAML gives.

The file must give exactly the regimes reading the YAML gives (same records, same version hash), be dropped the
moment a YAML file, the law's code or a version differs, never be opened for a folder given by ``--regimes``, and,
in an installed package, be there and current (so the build step really ran).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from exportctl.law import loader, prebuilt


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped regimes copied to a folder of their own, with the file written as the build writes it."""
    root = tmp_path_factory.mktemp("law") / "regimes"
    shutil.copytree(loader.shipped_regimes_dir(), root, ignore=shutil.ignore_patterns(prebuilt.FILE))
    prebuilt.write(root)
    return root


def _records(regime: Any) -> list[Any]:
    return [
        *regime.sources.values(),
        *regime.instruments.values(),
        *regime.measures.values(),
        *regime.groups.values(),
        *regime.entries.values(),
        *regime.licence_types.values(),
        *regime.rules,
        *regime.catch_all,
        *regime.exemptions,
        *regime.prohibitions,
        *regime.cautions,
    ]


def test_gives_what_the_yaml_gives(copy: Path) -> None:
    kept = prebuilt.read(copy)
    assert kept is not None
    read = loader.read_regimes(copy)
    assert sorted(kept) == sorted(read) == ["JP", "KR"]
    for code, regime in read.items():
        mine = kept[code]
        assert mine.version == regime.version
        assert loader.regime_payload(mine) == loader.regime_payload(regime)
        assert mine.sources == regime.sources
        assert mine.folder == regime.folder == str(copy / code.lower())  # where installed, not where built
        # every record keeps the file and line it was read from (errors and reports name them)
        places = [(r._file, r._line) for r in _records(mine)]
        assert places == [(r._file, r._line) for r in _records(regime)]
        assert all(line > 0 for _, line in places)
        # nothing the building process remembered while validating comes along
        assert not [n for n in vars(mine) if n.endswith("memo") or n.startswith("_")]
    assert loader.bundle_version(kept) == loader.bundle_version(read)


def test_a_changed_file_or_a_damaged_one_is_not_used(copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "regimes"
    shutil.copytree(copy, root)
    assert prebuilt.read(root) is not None
    measures = root / "kr" / "measures.yaml"
    measures.write_bytes(measures.read_bytes() + b"\n# one more comment\n")
    assert prebuilt.read(root) is None  # the key covers every byte of every YAML file
    prebuilt.write(root)
    assert prebuilt.read(root) is not None
    (root / "kr" / "extra.yaml").write_text("# a file more\n", encoding="utf-8")
    assert prebuilt.read(root) is None  # and which files there are
    (root / "kr" / "extra.yaml").unlink()
    assert prebuilt.read(root) is not None
    data = (root / prebuilt.FILE).read_bytes()
    (root / prebuilt.FILE).write_bytes(data[: len(data) // 2])
    assert prebuilt.read(root) is None  # a truncated pickle is not an error: the YAML is read
    (root / prebuilt.FILE).unlink()
    assert prebuilt.read(root) is None
    assert not list(root.glob(f"{prebuilt.FILE}.part-*"))  # no temporary file left by a write


def test_the_key_covers_the_code_and_the_versions(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = prebuilt.key(copy)
    # pycountry's codes decide what validation accepts; PyYAML parses the files
    assert {"pydantic", "pydantic-core", "PyYAML", "pycountry"} <= set(prebuilt.LIBRARIES)
    versions = prebuilt._versions()
    monkeypatch.setattr(prebuilt, "_versions", lambda: (*versions[:-1], "pycountry==0.0"))
    assert prebuilt.key(copy) != before
    monkeypatch.undo()
    assert prebuilt.key(copy) == before
    assert (Path(prebuilt.__file__).parent / "model.py") in prebuilt._code_files()


def test_only_the_shipped_folder_is_read_from_it(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Path) -> Any:
        raise AssertionError(f"opened the prebuilt law of {root}")

    monkeypatch.setattr(prebuilt, "read", refuse)
    # a folder given by --regimes: its pickle is never opened, whatever it holds
    assert sorted(loader._load_all.__wrapped__(str(copy.resolve()))) == ["JP", "KR"]
    sentinel: dict[str, Any] = {"JP": object()}
    monkeypatch.setattr(prebuilt, "read", lambda root: sentinel)
    monkeypatch.setattr(loader, "shipped_regimes_dir", lambda: copy)
    assert loader._load_all.__wrapped__(str(copy.resolve())) is sentinel


def test_an_installed_package_carries_it() -> None:
    """In a built install (the README's `pip install .`, CI), the build step wrote the file and it is current."""
    root = Path(loader.shipped_regimes_dir()).resolve()
    if "site-packages" not in root.parts:
        pytest.skip("an editable install or a source checkout reads the YAML (no build step ran)")
    assert (root / prebuilt.FILE).is_file(), "the package build did not write the prebuilt law"
    assert prebuilt.read(root) is not None, "the installed prebuilt law is not current with the installed YAML"


def test_validate_reads_the_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """``exportctl validate`` checks the data itself, never the copy the build kept."""

    def refuse(root: Path) -> Any:
        raise AssertionError("validate opened the prebuilt law")

    monkeypatch.setattr(prebuilt, "read", refuse)
    assert sorted(loader.load_regimes(from_yaml=True)) == ["JP", "KR"]
