"""The shipped law as read when the package was built: the regimes, read and validated once, kept beside their YAML.

Why: every command reads the law, and reading the YAML and validating every record took about a second of a
1.4 s ``exportctl check`` (and of every batch run, API worker and test process); the same objects load from a
pickle in under a tenth of that. The file is made by the package build (``setup.py``'s build step runs
:func:`write` on the very files the package ships) and is installed inside the package beside the YAML it was
read from: nothing is kept in ``$HOME`` or a cache folder, and nothing is written at run time.

It is used only when it is exactly what reading the YAML would give: its first line is a key over every YAML
file of the regimes (names and bytes), the source of the code that reads them (``exportctl/law``, ``errors.py``),
the Python version and the versions of the libraries reading and checking them (Pydantic and its core, PyYAML and
whether it parses with libyaml, pycountry, whose country codes the validation checks, annotated-types,
typing-extensions); :func:`read` computes the key afresh (a few milliseconds) and falls back to the YAML on any
difference, and on a file it cannot read. A source checkout or an editable install has no such file and reads the
YAML, as before. The file is written by the build's own environment: installed beside other versions of those
libraries (an environment that keeps an older Pydantic), its key does not match and the YAML is read, correct and
as slow as before.

Only the shipped folder is read this way (``loader.load_regimes``): loading a pickle runs code, so one found in a
folder given by ``--regimes`` or ``EXPORTCTL_REGIMES`` (someone else's files) is never opened.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

import yaml

from exportctl.law.regime import Regime

#: The file's name inside the regimes folder (the loader reads folders only, so it is never taken for a regime).
FILE = "_prebuilt.pickle"
#: A fixed protocol: the key says which Python wrote it, and this one every supported Python reads.
PROTOCOL = 5
_LAW_CODE = Path(__file__).resolve().parent


def _code_files() -> list[Path]:
    """The code whose change changes what reading the YAML gives: the law package and the errors it raises."""
    return [*sorted(_LAW_CODE.glob("*.py")), _LAW_CODE.parent / "errors.py"]


#: The distributions whose code reads or checks the law: a new version of any may read the same YAML otherwise.
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "pycountry", "annotated-types", "typing-extensions")


def _versions() -> tuple[str, ...]:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return tuple(found)


def key(root: Path) -> str:
    """The digest of everything the regimes read from ``root`` depend on (see the module's docstring)."""
    h = hashlib.sha256()
    h.update(repr((sys.version_info[:2], PROTOCOL, yaml.__with_libyaml__, _versions())).encode())
    for path in sorted(root.rglob("*.yaml")):
        h.update(b"\0yaml\0" + path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    for path in _code_files():
        h.update(b"\0code\0" + path.name.encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def write(root: Path) -> Path:
    """Read the regimes under ``root`` from their YAML and keep them in ``root / FILE`` (replaced whole, never half)."""
    from exportctl.law.loader import read_regimes

    regimes = read_regimes(root)
    fields = {f.name for f in dataclasses.fields(Regime)}
    for regime in regimes.values():
        # What validation remembered on the way (membership spans, rule lists, sets keyed by a list's id()) is
        # state of the building process, not law: a process reading the file starts with none, as from YAML.
        for name in [n for n in vars(regime) if n not in fields]:
            delattr(regime, name)
    target = root / FILE
    temp = target.with_name(f"{FILE}.part-{os.getpid()}")
    try:
        with temp.open("wb") as out:
            out.write(key(root).encode() + b"\n")
            pickle.dump(regimes, out, protocol=PROTOCOL)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return target


def read(root: Path) -> dict[str, Regime] | None:
    """The regimes kept in ``root / FILE`` when its key is current, else None (the caller reads the YAML)."""
    path = root / FILE
    try:
        with path.open("rb") as handle:
            stored = handle.readline().strip().decode("ascii", "replace")
            if stored != key(root):
                return None
            regimes = pickle.load(handle)  # written by this package's build, its key checked above
    except Exception:  # missing, truncated or from a build this code cannot read: the YAML is the law
        return None
    if not isinstance(regimes, dict) or not all(isinstance(r, Regime) for r in regimes.values()):
        return None
    for regime in regimes.values():  # where the YAML it was read from is installed, not where it was built
        regime.folder = str(root / Path(regime.folder).name)
    return regimes
