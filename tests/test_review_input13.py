"""Review of the typed-input changes (values, currencies, end uses) in check and the batch."""

from __future__ import annotations

import unicodedata

import polars as pl
import pytest
from pydantic import ValidationError

from exportctl.batch.screen import TOO_LARGE, screen_frame
from exportctl.law.loader import load_regimes
from exportctl.service import CheckQuery

REGIMES = load_regimes()
LINE = {"exporter": "JP", "destination": "CN", "item": "row 5", "ship_date": "2024-06-03"}
QUERY = {"exporter": "JP", "destination": "CN", "item": "row 5", "on": "2024-06-03"}


def _screen(values: pl.Series) -> tuple[pl.DataFrame, pl.DataFrame]:
    n = values.len()
    df = pl.DataFrame({"line_id": [str(i) for i in range(n)], **{k: [v] * n for k, v in LINE.items()}})
    results, rejects, _ = screen_frame(df.with_columns(values.alias("value")), REGIMES)  # type: ignore[arg-type]
    return results, rejects


@pytest.mark.xfail(strict=True, reason="NFKC turns superscripts into digits: '10⁵' is read as 105 (exempt)")
def test_superscript_digits_are_not_an_amount_in_check() -> None:
    # Before 5795d59 the CLI and the API refused '10⁵'; now it is 105, under the small-value
    # ceiling, so JP->CN row 5 is exempt while 100000 needs a licence.
    with pytest.raises(ValidationError):
        CheckQuery(**QUERY, value="10⁵", currency="JPY")


@pytest.mark.xfail(strict=True, reason="the batch reads '10⁵' as 105 too (before 4918611 it was refused)")
def test_superscript_digits_are_not_an_amount_in_the_batch() -> None:
    results, rejects = _screen(pl.Series(["10⁵", "²"]))
    assert results.height == 0 and rejects.height == 2


@pytest.mark.xfail(strict=True, reason="read_amount hands pydantic the un-normalised text when not all digits")
@pytest.mark.parametrize("typed", ["５００.０", "＋５", "１_０００"])
def test_full_width_reads_as_its_ascii_form_in_check(typed: str) -> None:
    # '500.0', '+5' and '1_000' are accepted; their full-width forms are refused (422 / exit 2),
    # while the batch reads '５００.０' as 500.
    ascii_form = unicodedata.normalize("NFKC", typed)
    assert CheckQuery(**QUERY, value=typed).value == CheckQuery(**QUERY, value=ascii_form).value


@pytest.mark.xfail(strict=True, reason="check (pydantic) reads '1_000' as 1000; the batch rejects the line")
def test_underscored_amount_alike_in_check_and_batch() -> None:
    check_accepts = CheckQuery(**QUERY, value="1_000").value == 1000
    results, _ = _screen(pl.Series(["1_000"]))
    assert check_accepts == (results.height == 1)


@pytest.mark.xfail(strict=True, reason="digits newer than Python's Unicode (Ol Onal, 16.0): int() raises")
def test_digits_polars_knows_and_python_does_not_are_a_reject_not_a_crash() -> None:
    # polars' \d matches them (AMOUNT), int() in _whole_amount raises ValueError: the whole
    # `exportctl screen` run ends in a traceback instead of one reject.
    results, rejects = _screen(pl.Series(["500", "\U0001e5f5\U0001e5f1\U0001e5f1"]))
    assert results.height + rejects.height == 2


@pytest.mark.xfail(strict=True, reason="past 2**63-1 in an unsigned column: the generic message, not TOO_LARGE")
def test_too_large_in_an_unsigned_column_is_named() -> None:
    _, rejects = _screen(pl.Series([2**63 + 5], dtype=pl.UInt64))
    assert rejects["error"].to_list() == [TOO_LARGE]
