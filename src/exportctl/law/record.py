"""The base of every record read from regime YAML: strict fields, and where it was written.

Why: an error in the law's data must name the file and line a curator has to fix.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, PrivateAttr

LINE_KEY = "__line__"


class Record(BaseModel):
    """Base for every record read from YAML: strict fields, remembers its file and line.

    ``defer_build``: the validators are built when the YAML is first read, not on import; an
    installed package reads the prebuilt law (:mod:`exportctl.law.prebuilt`) and never needs them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)

    @property
    def where(self) -> str:
        return f"{self._file}:{self._line}" if self._line else self._file
