"""Batch screening: order lines in, one answer or one rejection per line out.

Every input row comes out either as a result row (all its columns plus the answer) or as a
rejected row (all its columns plus ``error``): rows in = rows screened + rows rejected. Text
columns are resolved per *distinct* value (an ERP export repeats a few hundred destinations and
items millions of times); the answer itself is integer gathers from the compiled regime.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from exportctl.engine.compiled import END_USES, EPOCH_ZERO, CompiledRegime, compiled
from exportctl.engine.items import resolve_item
from exportctl.engine.query import parse_date
from exportctl.errors import ExportctlError, InputError
from exportctl.law.countries import resolve_country
from exportctl.law.regime import Regime

REQUIRED = ("line_id", "exporter", "destination", "item", "ship_date")
OPTIONAL = ("value", "currency", "end_use", "informed")
LIST_COLUMNS = ("routes", "exemptions", "destination_groups", "rule_ids")
RESULT_COLUMNS = (
    "licence_required",
    "routes",
    "exemptions",
    "catch_all",
    "destination_groups",
    "rule_ids",
    "regime_version",
)
FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f", ""}
AMOUNT = re.compile(r"^\d+(\.0+)?$")


@dataclass
class Summary:
    rows_in: int = 0
    screened: int = 0
    rejected: int = 0
    licence_required: int = 0

    def add(self, other: Summary) -> None:
        self.rows_in += other.rows_in
        self.screened += other.screened
        self.rejected += other.rejected
        self.licence_required += other.licence_required

    def line(self) -> str:
        return (
            f"rows in: {self.rows_in:,}  screened: {self.screened:,}  rejected: {self.rejected:,}  "
            f"needing a licence: {self.licence_required:,}"
        )


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r} for {path}", sorted(FORMATS))
    return fmt


def read_table(path: Path) -> pl.DataFrame:
    """Read CSV (all columns as text), Parquet or JSON Lines, by extension."""
    fmt = file_format(path)
    if not path.exists():
        raise InputError(f"input file not found: {path}")
    try:
        if fmt == "csv":
            df = pl.read_csv(path, infer_schema=False)
        elif fmt == "parquet":
            df = pl.read_parquet(path)
        else:
            df = pl.read_ndjson(path, infer_schema_length=None)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{path} lacks required column(s) {', '.join(missing)}; found: {', '.join(df.columns)}")
    return df


# ------------------------------------------------------------------------------------ resolution


def _text(df: pl.DataFrame, name: str) -> pl.Series:
    if name not in df.columns:
        return pl.Series(name, [None] * df.height, dtype=pl.Utf8)
    s = df[name]
    if s.dtype == pl.Date:
        return s.dt.strftime("%Y-%m-%d")
    return s.cast(pl.Utf8, strict=False)


def _map(
    series: pl.Series, fn: Callable[[str | None], tuple[object, str | None]], dtype: pl.DataType
) -> tuple[pl.Series, pl.Series]:
    """Apply ``fn`` once per distinct value: returns (values, errors) aligned with ``series``."""
    uniq = series.unique().to_list()
    values: dict[str | None, object] = {}
    errors: dict[str | None, str | None] = {}
    for u in uniq:
        values[u], errors[u] = fn(u)
    keys = pl.Series("k", list(values.keys()), dtype=pl.Utf8)
    table = pl.DataFrame(
        {
            "k": keys,
            "v": pl.Series("v", list(values.values()), dtype=dtype),
            "e": pl.Series("e", list(errors.values()), dtype=pl.Utf8),
        }
    )
    joined = pl.DataFrame({"k": series}).join(table, on="k", how="left", nulls_equal=True, maintain_order="left")
    return joined["v"], joined["e"]


def _guard(fn: Callable[[str], object]) -> Callable[[str | None], tuple[object, str | None]]:
    def run(v: str | None) -> tuple[object, str | None]:
        try:
            return fn(v if v is not None else ""), None
        except ExportctlError as exc:
            return None, str(exc)

    return run


@dataclass
class Prepared:
    """One chunk after validation: the frame, the error column and the typed key columns."""

    df: pl.DataFrame
    error: pl.Series
    exporter: pl.Series
    country: pl.Series
    entry: pl.Series
    ship_days: pl.Series
    variant: pl.Series
    value: pl.Series


def prepare(df: pl.DataFrame, regimes: dict[str, Regime]) -> Prepared:
    line_id = _text(df, "line_id")

    def exporter_of(v: str) -> str:
        code = v.strip().upper()
        if code not in regimes:
            raise InputError(f"unknown exporter {v!r}", sorted(regimes))
        return code

    def country_of(v: str) -> str:
        if not v.strip():
            raise InputError("missing destination")
        return resolve_country(v)

    exporter, e_exp = _map(_text(df, "exporter"), _guard(exporter_of), pl.Utf8())
    country, e_dest = _map(_text(df, "destination"), _guard(country_of), pl.Utf8())

    items = exporter.fill_null("") + "\x1f" + _text(df, "item").fill_null("")

    def item_of(v: str) -> str:
        jur, _, text = v.partition("\x1f")
        if not jur:
            return ""
        if not text.strip():
            raise InputError("missing item")
        return resolve_item(regimes[jur], text).id

    entry, e_item = _map(items, _guard(item_of), pl.Utf8())

    def date_of(v: str) -> int:
        return (parse_date(v.strip(), "ship_date") - EPOCH_ZERO).days if v.strip() else _missing("ship_date")

    ship_days, e_date = _map(_text(df, "ship_date"), _guard(date_of), pl.Int32())

    raw = pl.DataFrame(
        {
            "line_id": line_id,
            "exporter": exporter,
            "country": country,
            "e_exp": e_exp,
            "e_dest": e_dest,
            "e_item": e_item,
            "e_date": e_date,
            "end_use": _text(df, "end_use").str.strip_chars().str.to_lowercase().fill_null(""),
            "informed": _text(df, "informed").str.strip_chars().str.to_lowercase().fill_null(""),
            "value": _text(df, "value").str.strip_chars().fill_null(""),
            "currency": _text(df, "currency").str.strip_chars().str.to_uppercase().fill_null(""),
        }
    )
    eu_index = {("" if e is None else e): i for i, e in enumerate(END_USES)}
    currencies = {k: r.info.currency for k, r in regimes.items()}
    end_use = pl.col("end_use").replace_strict(eu_index, default=-1, return_dtype=pl.Int32)
    informed = pl.col("informed").is_in(list(TRUE))
    value_ok = pl.col("value").str.contains(AMOUNT.pattern) | (pl.col("value") == "")
    regime_currency = pl.col("exporter").replace_strict(currencies, default="", return_dtype=pl.Utf8)
    checks = raw.select(
        error=pl.coalesce(
            pl.when(pl.col("line_id").is_null() | (pl.col("line_id").str.strip_chars() == "")).then(
                pl.lit("missing line_id")
            ),
            pl.col("e_exp"),
            pl.col("e_dest"),
            pl.when(pl.col("country") == pl.col("exporter")).then(
                pl.lit("destination is the exporting jurisdiction itself")
            ),
            pl.col("e_item"),
            pl.col("e_date"),
            pl.when(end_use < 0).then(
                pl.format("unknown end_use '{}' (use wmd, conventional or civil)", pl.col("end_use"))
            ),
            pl.when(~pl.col("informed").is_in(list(TRUE | FALSE))).then(
                pl.format("informed must be true or false, got '{}'", pl.col("informed"))
            ),
            pl.when(~value_ok).then(pl.format("value must be a whole non-negative amount, got '{}'", pl.col("value"))),
            pl.when((pl.col("currency") != "") & (pl.col("value") == "")).then(
                pl.lit("currency given without a value")
            ),
            pl.when(
                (pl.col("currency") != "") & (pl.col("currency") != regime_currency) & (regime_currency != "")
            ).then(
                pl.format(
                    "value currency {} differs from the regime's {} (exchange rates are not modelled)",
                    pl.col("currency"),
                    regime_currency,
                )
            ),
        ),
        value=pl.when(value_ok & (pl.col("value") != ""))
        .then(pl.col("value").str.split(".").list.first().cast(pl.Int64, strict=False))
        .otherwise(-1),
        variant=end_use.clip(lower_bound=0) * 2 + informed.cast(pl.Int32),
    )
    return Prepared(
        df=df,
        error=checks["error"],
        exporter=exporter,
        country=country,
        entry=entry,
        ship_days=ship_days,
        variant=checks["variant"],
        value=checks["value"],
    )


def _missing(what: str) -> int:
    raise InputError(f"missing {what}")


# ------------------------------------------------------------------------------------ evaluation


def outcome_frame(c: CompiledRegime) -> pl.DataFrame:
    o = c.outcomes
    return pl.DataFrame(
        {
            "licence_required": [x.licence_required for x in o],
            "routes": [list(x.routes) for x in o],
            "exemptions": [list(x.exemptions) for x in o],
            "catch_all": [x.catch_all for x in o],
            "destination_groups": [list(x.groups) for x in o],
            "rule_ids": [list(x.rule_ids) for x in o],
        },
        schema={
            "licence_required": pl.Boolean,
            "routes": pl.List(pl.Utf8),
            "exemptions": pl.List(pl.Utf8),
            "catch_all": pl.Utf8,
            "destination_groups": pl.List(pl.Utf8),
            "rule_ids": pl.List(pl.Utf8),
        },
    )


def evaluate(p: Prepared, tables: dict[str, CompiledRegime]) -> tuple[pl.DataFrame, pl.DataFrame, Summary]:
    """Split a prepared chunk into (results, rejects) and count."""
    ok = p.error.is_null()
    results: list[pl.DataFrame] = []
    for jur, c in tables.items():
        mask = ok & (p.exporter == jur)
        if not mask.any():
            continue
        rows = p.df.filter(mask)
        cidx = p.country.filter(mask).replace_strict(c.country_index, return_dtype=pl.Int32).to_numpy()
        eidx = p.entry.filter(mask).replace_strict(c.entry_index, return_dtype=pl.Int32).to_numpy()
        codes = c.codes(
            p.ship_days.filter(mask).to_numpy().astype(np.int64),
            cidx,
            eidx,
            p.variant.filter(mask).to_numpy(),
            p.value.filter(mask).to_numpy(),
        )
        answers = outcome_frame(c)[codes]
        results.append(pl.concat([rows, answers.with_columns(regime_version=pl.lit(c.version))], how="horizontal"))
    screened = pl.concat(results, how="vertical_relaxed") if results else _empty_results(p.df)
    rejects = p.df.filter(~ok).with_columns(error=p.error.filter(~ok))
    summary = Summary(
        rows_in=p.df.height,
        screened=screened.height,
        rejected=rejects.height,
        licence_required=int(screened["licence_required"].sum()) if screened.height else 0,
    )
    return screened, rejects, summary


def _empty_results(df: pl.DataFrame) -> pl.DataFrame:
    empty = pl.DataFrame(schema=outcome_frame_schema())
    return pl.concat([df.head(0), empty.with_columns(regime_version=pl.lit("", dtype=pl.Utf8))], how="horizontal")


def outcome_frame_schema() -> dict[str, pl.DataType]:
    return {
        "licence_required": pl.Boolean(),
        "routes": pl.List(pl.Utf8),
        "exemptions": pl.List(pl.Utf8),
        "catch_all": pl.Utf8(),
        "destination_groups": pl.List(pl.Utf8),
        "rule_ids": pl.List(pl.Utf8),
    }


def screen_frame(
    df: pl.DataFrame,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    tables: dict[str, CompiledRegime] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, Summary]:
    """Screen an in-memory frame: (results, rejects, summary)."""
    tables = tables or {k: compiled(r, known_on) for k, r in regimes.items()}
    for column in (*RESULT_COLUMNS, "error"):
        if column in df.columns:
            raise InputError(f"input already has a column named {column!r}; rename it before screening")
    return evaluate(prepare(df, regimes), tables)


def chunks(df: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for start in range(0, max(df.height, 1), size):
        yield df.slice(start, size)
