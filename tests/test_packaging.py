"""Every data file under ``src/exportctl`` ships in the wheel.

Why: the development install is editable and reads files straight from the tree, so a file the
package-data globs miss (the web page's word tables, once) passes every local test and fails
only where the package is installed, as in CI and for users.
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "exportctl"


def test_every_data_file_is_in_package_data() -> None:
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"][
        "exportctl"
    ]
    data = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    # setuptools' globs do not cross directories: "a/*" matches a/x but not a/b/x.
    missed = [f for f in data if not any(fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)]
    assert data and not missed, f"not in [tool.setuptools.package-data]: {missed}"
