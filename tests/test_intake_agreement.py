"""The agreement scorer (benchmarks/intake_agreement.py): a second labelling scored like an extractor."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _agreement() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import intake_agreement

    return intake_agreement


def _doc(file: str, *measures: dict[str, Any]) -> dict[str, Any]:
    return {"file": file, "language": "en", "published": "2024-01-10", "measures": list(measures)}


NEWS = {"jurisdiction": "JP", "action": "remove_preferential_status", "targets": ["KR"], "effective": "2019-08-28"}
OTHER = {"jurisdiction": "US", "action": "add_export_restriction", "targets": ["CN"]}


def test_the_same_labels_agree_fully_and_each_difference_counts() -> None:
    a = _agreement()
    first = [_doc("1.txt", NEWS), _doc("2.txt"), _doc("3.txt", {**OTHER, "optional": True})]
    same = a.agreement(first, first)
    assert (same["precision"], same["recall"], same["effective_accuracy"]) == (1.0, 1.0, 1.0)
    # The second reader misses the news, calls a quiet text news and lists the optional act: one miss,
    # one false claim, the optional label counting neither way.
    second = [_doc("1.txt", {**NEWS, "background": True}), _doc("2.txt", OTHER), _doc("3.txt", OTHER)]
    r = a.agreement(first, second)
    assert (r["tp"], r["fp"], r["fn"]) == (0, 1, 1)
    assert r["no_measure_accuracy"] == 0.0  # 2.txt reports nothing to the first reader
    # Another effective date: matched, but the dates disagree.
    r = a.agreement(first, [_doc("1.txt", {**NEWS, "effective": "2019-08-02"})])
    assert (r["tp"], r["effective_accuracy"]) == (1, 0.0)
