"""Optional parts of exportctl and the extra that installs each.

Why: the core (law data, engine, CLI) installs light; batch screening, the service, intake,
charts and Spark pull in heavy libraries. A command whose extra is missing says in one line
which extra to install, instead of a traceback.
"""

from __future__ import annotations

from exportctl.errors import ExportctlError

#: Top-level module -> the extra that provides it.
MODULE_EXTRA: dict[str, str] = {
    "numpy": "batch",
    "polars": "batch",
    "pyarrow": "batch",
    "matplotlib": "charts",
    "plotly": "charts",
    "fastapi": "service",
    "starlette": "service",
    "uvicorn": "service",
    "multipart": "service",
    "python_multipart": "service",
    "psycopg": "service",
    "httpx": "intake",
    "trafilatura": "intake",
    "lxml_html_clean": "intake",
    "dateparser": "intake",
    "pyspark": "spark",
    "pandas": "spark",
}


class MissingExtra(ExportctlError):
    """A command needs an optional dependency that is not installed."""

    status = 501

    def __init__(self, module: str) -> None:
        self.module = module
        self.extra = MODULE_EXTRA.get(module.split(".")[0], "all")
        super().__init__(
            f"this needs the '{self.extra}' extra: pip install 'exportctl[{self.extra}]' (module {module} is missing)"
        )


def missing_extra(exc: ModuleNotFoundError) -> MissingExtra | None:
    """The extra behind an import error, if the missing module is one of ours to name."""
    name = (exc.name or "").split(".")[0]
    return MissingExtra(name) if name in MODULE_EXTRA else None
