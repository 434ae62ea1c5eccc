"""Review of the typed-input changes (values, currencies, end uses) in check and the batch: one
reading of amounts (``engine.query.whole_amount``) for both, so they take and refuse the same texts."""

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


def test_superscript_digits_are_not_an_amount_in_check() -> None:
    # NFKC read '10⁵' as 105, under the small-value ceiling: JP->CN row 5 exempt, while 100000
    # needs a licence (found by the review of 5795d59; full-width forms are now read by width alone).
    with pytest.raises(ValidationError):
        CheckQuery(**QUERY, value="10⁵", currency="JPY")


def test_superscript_digits_are_not_an_amount_in_the_batch() -> None:
    results, rejects = _screen(pl.Series(["10⁵", "²"]))
    assert results.height == 0 and rejects.height == 2


@pytest.mark.parametrize("typed", ["５００.０", "＋５", "－０"])
def test_full_width_reads_as_its_ascii_form_in_check(typed: str) -> None:
    # '500.0', '+5' and '-0' are accepted, and so are their full-width forms (the batch too).
    ascii_form = unicodedata.normalize("NFKC", typed)
    assert CheckQuery(**QUERY, value=typed).value == CheckQuery(**QUERY, value=ascii_form).value
    results, rejects = _screen(pl.Series([typed, ascii_form]))
    assert results.height == 2 and rejects.height == 0


@pytest.mark.parametrize("typed", ["1e3", "0x10", "12.5", "-5", "10⁵", "①"])
def test_texts_that_are_no_whole_amount_are_refused_alike_in_check_and_batch(typed: str) -> None:
    with pytest.raises(ValidationError):
        CheckQuery(**QUERY, value=typed)
    results, rejects = _screen(pl.Series([typed]))
    assert results.height == 0 and rejects["error"].to_list() == ["value must be a whole non-negative amount"]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("1_000", "write the amount in digits only (1000)"),
        ("1,000", "write the amount in digits only (1000)"),
        ("1,500,000", "write the amount in digits only (1500000)"),
        ("1 500 000", "write the amount in digits only (1500000)"),
        ("500.000", "reads as 500000 with a thousands separator or as 500 with decimals"),
        ("1,000.00", "write the amount in digits only (1000)"),
    ],
)
def test_amounts_with_a_thousands_separator_are_refused_by_name_alike(typed: str, said: str) -> None:
    """Session review S27-5: "1,500,000" got "not a whole amount", naming neither the separator nor the fix;
    "500.000" was read as 500, where a reader in Europe means 500,000 (a small-value exemption's side)."""
    with pytest.raises(ValidationError, match="thousands separator"):
        CheckQuery(**QUERY, value=typed)
    results, rejects = _screen(pl.Series([typed]))
    assert results.height == 0 and said in rejects["error"][0] and typed in rejects["error"][0]


def test_digits_polars_knows_and_python_does_not_are_a_reject_not_a_crash() -> None:
    # polars' \d matched them, and int() raised: the whole `exportctl screen` run ended in a
    # traceback instead of one reject (Python's own reading now decides, and refuses them).
    results, rejects = _screen(pl.Series(["500", "\U0001e5f5\U0001e5f1\U0001e5f1"]))
    assert results.height + rejects.height == 2


def test_too_large_in_an_unsigned_column_is_named() -> None:
    _, rejects = _screen(pl.Series([2**63 + 5], dtype=pl.UInt64))
    assert rejects["error"].to_list() == [TOO_LARGE]


def test_too_large_in_a_float_column_is_named_as_too_large() -> None:
    # A spreadsheet's number cell 1e+20 comes as a float written with an exponent: its error is its
    # size (as in an integer column), not "not whole"; 500.0 stays 500, 0.5 stays not whole.
    results, rejects = _screen(pl.Series([1e20, 500.0, 0.5, float("nan")]))
    assert results["line_id"].to_list() == ["1"]
    assert dict(zip(rejects["line_id"], rejects["error"], strict=True)) == {
        "0": TOO_LARGE,
        "2": "value must be a whole non-negative amount",
        "3": "value must be a whole non-negative amount",
    }


def test_zero_with_three_decimals_is_zero_and_a_negative_grouped_amount_is_negative() -> None:
    """S27B-7: "0.000" reads as 0 either way; "-1,000" was told to write "1000", dropping its sign."""
    from exportctl.engine.query import NOT_WHOLE, whole_amount

    assert whole_amount("0.000") == 0
    with pytest.raises(ValueError, match=f"^{NOT_WHOLE}$"):
        whole_amount("-1,000")
