"""The package build, with one step more than setuptools' own: the shipped law read once and kept beside its YAML.

Everything else about the package is declared in pyproject.toml. Why the step, and why the file it writes is only
ever used when it is exactly what reading the YAML gives, is told in src/exportctl/law/prebuilt.py.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithPrebuiltLaw(build_py):
    """``build_py``, then ``exportctl.law.prebuilt.write`` on the regimes just copied into the build folder.

    The law's modules are imported from the build folder under a bare ``exportctl`` package, so the package's own
    ``__init__`` (the engine and its imports) is not run: the law needs only Pydantic, PyYAML and pycountry, which
    pyproject.toml's build requirements list. An editable install keeps reading the source tree's YAML and gets no
    file. A build that cannot write it still succeeds (exportctl then reads the YAML at every start) and says so.
    """

    def run(self) -> None:
        super().run()
        if self.dry_run or getattr(self, "editable_mode", False):
            return
        lib = Path(self.build_lib).resolve()
        saved = {name: mod for name, mod in sys.modules.items() if name.split(".")[0] == "exportctl"}
        for name in saved:
            del sys.modules[name]
        package = types.ModuleType("exportctl")
        package.__path__ = [str(lib / "exportctl")]
        sys.modules["exportctl"] = package
        try:
            from exportctl.law import prebuilt

            written = prebuilt.write(lib / "exportctl" / "regimes")
            print(f"prebuilt the shipped law: {written}")
        except Exception as exc:  # never fail an install over a speed-up
            print(
                f"warning: the shipped law was not prebuilt ({exc}); exportctl reads its YAML at every start",
                file=sys.stderr,
            )
        finally:
            for name in [n for n in sys.modules if n.split(".")[0] == "exportctl"]:
                del sys.modules[name]
            sys.modules.update(saved)


setup(cmdclass={"build_py": BuildWithPrebuiltLaw})
