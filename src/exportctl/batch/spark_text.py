"""CSV and JSON Lines files on Spark, read line by line as the local engine reads them.

Why not Spark's own CSV and JSON readers: they number no lines, read a blank CSV line as a row and
a header only by its exact names, read UTF-8 alone unless told, take a line with too many fields
without a word, cut a quoted field that holds a line break in two (unless ``multiLine``, which reads
a whole file in one task) and turn a bad JSON line into a ``_corrupt_record`` column. Here Spark
only moves lines: its text reader cuts the file into blocks of whole lines (one per file split,
read by one task), and each block is read, a chunk at a time, by the local engine's own reader of
text (:func:`exportctl.batch.files.read_text`), so the rows, their values and their rejects are
the local engine's.

Line numbers. A task does not know how many lines come before its block, and a quoted field may
run from one block into the next, so the lines are read twice. A first pass (:func:`survey`)
counts each block's lines and notes what a record over lines needs at the block's edges: its first
and last lines holding an odd number of quotes, with the lines up to the first and from the last
(at most :data:`EDGE_LINES` each), and whether the block's last record is left open. The driver
then numbers the blocks in file order and decides, block after block, whether one's last record
runs into the next (:func:`plan_blocks`), by the rule the local reader cuts records by
(:func:`~exportctl.batch.files.quoted_records`). The second pass (:func:`read_blocks`) reads each
block from where its first record starts, with those of the next block's lines its last record
takes, and names every row by the file's line it starts on. Only counts and edge lines reach the
driver, never the file. For JSON Lines the first pass also infers each block's column types; every
block is then read with the types of them all, as the local engine reads a file whose chunks
differ.

Known limit: a line opening a quote that no later line of its block closes is paired across the
block's end only within :data:`EDGE_LINES` lines on each side; past that it is a reject ``a quote
opened on this line is never closed``, where the local engine (which reads such a file whole)
pairs it with the next line holding an odd number of quotes however far, and may name another
complaint of the csv module. Bounding it keeps what reaches the driver small.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa

from exportctl.batch.files import (
    BOM,
    CLI_ENCODING,
    NEVER_CLOSED,
    Quoted,
    Unreadable,
    csv_header,
    detect_encoding,
    header_not_decoded,
    jsonl_types,
    odd_lines,
    quoted_records,
    read_lines,
    read_text,
    split_lines,
    utf8_lines,
)
from exportctl.batch.screen import REQUIRED, LineMap, file_format
from exportctl.errors import InputError

#: Lines of a block's edges the first pass hands to the driver: a record may run over at most
#: this many lines on each side of a block's end and still be read as one.
EDGE_LINES = 1000
#: Lines read and screened at once within a block. Smaller than the local engine's chunks: the
#: JVM holds each answer's Arrow batches too.
CHUNK_LINES = 65_536
#: Bytes of a CSV's head the driver reads at most to find its header line.
HEADER_BYTES = 1 << 24
#: The columns of the first pass's answer, one row per block (:class:`Survey`).
SURVEY_SCHEMA = (
    "start long, count long, kept long, first_odd long, head array<binary>, tail array<binary>, "
    "open_top boolean, open_after boolean, types binary"
)


@dataclass(frozen=True)
class TextInput:
    """What the driver knows of a CSV or JSON Lines input before its lines are read.

    ``codec``: the encoding read (as the local engine detects or is told it); a CSV's ``header``
    (its lines, in UTF-8), ``header_end`` (the lines up to its end, which the first block skips)
    and ``width`` (its number of fields); ``note``: what was assumed about the encoding.
    """

    path: Path
    fmt: str
    codec: str
    header: tuple[bytes, ...] = ()
    header_end: int = 0
    width: int = 0
    note: str | None = None
    #: A CSV's columns, under the key columns' names (:func:`~exportctl.batch.screen.header_renames`).
    columns: tuple[str, ...] = ()
    #: A JSON Lines file's columns and types (:func:`input_types`), known after the first pass.
    types: pl.Schema | None = None

    @property
    def csv(self) -> bool:
        return self.fmt == "csv"


def text_input(path: Path, encoding: str | None = None) -> TextInput:
    """The input's encoding and, for a CSV, its header, read from the file's head on the driver
    (refused as the local engine refuses it: an unreadable header, missing columns, binary content)."""
    fmt = file_format(path)
    enc = detect_encoding(path, encoding)
    note = enc.said(CLI_ENCODING)
    if fmt != "csv":
        return TextInput(path, fmt, enc.codec, note=note)
    lines = _head_lines(path, enc.codec)
    header_end, header, width = csv_header(lines, path)
    columns = read_lines(b"\n".join(header) + b"\n", path)[0].columns  # refused as the local reader refuses it
    return TextInput(path, fmt, enc.codec, tuple(header), header_end, width, note, tuple(columns))


def _head_lines(path: Path, codec: str) -> list[bytes]:
    """The file's first whole lines, in UTF-8, enough to hold its header: read a block at a time,
    each as large as all before it, up to :data:`HEADER_BYTES` (the file is never read whole)."""
    data = b""
    with path.open("rb") as f:
        while True:
            more = f.read(max(len(data), 1 << 16))
            data += more
            last = not more or len(data) >= HEADER_BYTES
            lines = _decoded(split_lines(data if last else data[: data.rfind(b"\n") + 1]), codec, path)
            try:
                csv_header(lines, path)
                return lines
            except InputError:
                if last:
                    return lines  # the caller names what is missing


def _decoded(lines: list[bytes], codec: str, path: Path) -> list[bytes]:
    """A file's first lines in UTF-8: a byte order mark dropped, a first line that does not decode refused."""
    if lines:
        lines[0] = lines[0].removeprefix(BOM)
    if codec == "utf-8":
        return lines
    kept, left_out = utf8_lines(lines, codec)
    if left_out and left_out[0][0] == 0:
        raise header_not_decoded(path, left_out[0][1], CLI_ENCODING)
    return kept


def text_lines(spark: Any, path: Path) -> Any:
    """The file's lines (``value``, bytes as they are) and the byte where each one's block starts.

    Only ``\\n`` ends a line (a ``\\r`` before it stays, as the local reader keeps it); Spark's text
    reader hands the bytes over undecoded, so the encoding is the local engine's to read.
    """
    from pyspark.sql import functions as F

    lines = spark.read.option("lineSep", "\n").text(str(path))
    return lines.select(F.col("value"), F.col("_metadata.file_block_start").alias("block"))


# ----------------------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """One block's lines as the local reader sees them: in UTF-8, those that do not decode left out
    (``left_out``: their place in the block, from 0, and why), ``at``: each kept line's place."""

    lines: list[bytes]
    at: npt.NDArray[np.int64]
    left_out: list[tuple[int, str]]
    count: int

    @classmethod
    def read(cls, start: int, parts: list[pa.Array], codec: str) -> Block:
        raw: list[bytes] = [line for part in parts for line in part.cast(pa.binary()).to_pylist()]
        if start == 0 and raw:
            raw[0] = raw[0].removeprefix(BOM)  # the file's first line
        if codec == "utf-8":  # read as it is: a line that is not UTF-8 is the reader's reject
            return cls(raw, np.arange(len(raw), dtype=np.int64), [], len(raw))
        kept, left_out = utf8_lines(raw, codec)
        at = np.delete(np.arange(len(raw), dtype=np.int64), [k for k, _ in left_out])
        return cls(kept, at, left_out, len(raw))


def blocks(batches: Iterator[pa.RecordBatch]) -> Iterator[tuple[int, list[pa.Array]]]:
    """A task's batches of ``(value, block)`` as blocks: (the byte it starts at, its lines' arrays)."""
    current: int | None = None
    parts: list[pa.Array] = []
    for batch in batches:
        starts = batch.column(1).to_numpy()
        cuts = [0, *(np.flatnonzero(np.diff(starts)) + 1).tolist(), len(starts)]
        for a, b in pairwise(cuts):
            start = int(starts[a])
            if current is not None and start != current and parts:
                yield current, parts
                parts = []
            current = start
            parts.append(batch.column(0).slice(a, b - a))
    if current is not None and parts:
        yield current, parts


# ----------------------------------------------------------------------------------- first pass


@dataclass(frozen=True)
class Survey:
    """A block as the first pass finds it: where it starts (``start``, a byte), its lines
    (``count``; ``kept``: those that decode), its first and last lines holding an odd number of
    quotes with the lines up to the first (``head``) and from the last (``tail``) when they are at
    most :data:`EDGE_LINES`, and whether that last line is a record left open when the block is
    read from its top or from past its head; for JSON Lines its column types (Arrow IPC)."""

    start: int
    count: int
    kept: int
    first_odd: int
    head: list[bytes] | None
    tail: list[bytes] | None
    open_top: bool
    open_after: bool
    types: bytes | None


def survey_block(start: int, parts: list[pa.Array], text: TextInput) -> Survey:
    block = Block.read(start, parts, text.codec)
    lines = block.lines
    if not text.csv:
        return Survey(start, block.count, len(lines), -1, None, None, False, False, _block_types(lines, text.path))
    odd = odd_lines(lines)
    first, last = (odd[0], odd[-1]) if odd else (-1, -1)
    head = lines[: first + 1] if 0 <= first < EDGE_LINES else None
    tail = lines[last:] if odd and len(lines) - last <= EDGE_LINES else None
    top = text.header_end if start == 0 else 0

    def left_open(begin: int) -> bool:
        return bool(odd) and last >= begin and quoted_records(lines, begin, text.width, odd).get(last) == NEVER_CLOSED

    return Survey(start, block.count, len(lines), first, head, tail, left_open(top), left_open(first + 1), None)


def _block_types(lines: list[bytes], path: Path) -> bytes | None:
    """A block's JSON Lines column types, inferred a chunk at a time, as Arrow IPC (``None``: no good line)."""
    found = [
        t
        for a in range(0, len(lines), CHUNK_LINES)
        if (t := jsonl_types(b"\n".join(lines[a : a + CHUNK_LINES]) + b"\n", path)) is not None
    ]
    if not found:
        return None
    schema: pa.Schema = pl.DataFrame(schema=merged_types(found)).to_arrow().schema
    return bytes(schema.serialize().to_pybytes())


def merged_types(schemas: list[pl.Schema]) -> pl.Schema:
    """The columns of all ``schemas`` in the order first met, each of the type that holds all of
    its types (polars' own rule, as a whole file read at once); a column null throughout is text."""
    merged = pl.concat([pl.DataFrame(schema=s) for s in schemas], how="diagonal_relaxed").schema
    return pl.Schema({c: pl.Utf8 if t == pl.Null else t for c, t in merged.items()})


def survey(lines: Any, text: TextInput) -> list[Survey]:
    """The first pass: one :class:`Survey` per block, in file order (a Spark job; only these reach the driver)."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for start, parts in blocks(batches):
            s = survey_block(start, parts, text)
            yield pa.RecordBatch.from_pylist([s.__dict__], schema=_SURVEY_ARROW)

    rows = lines.mapInArrow(run, SURVEY_SCHEMA).toArrow().to_pylist()
    return sorted((Survey(**row) for row in rows), key=lambda s: s.start)


_SURVEY_ARROW = pa.schema(
    [
        pa.field("start", pa.int64()),
        pa.field("count", pa.int64()),
        pa.field("kept", pa.int64()),
        pa.field("first_odd", pa.int64()),
        pa.field("head", pa.list_(pa.binary())),
        pa.field("tail", pa.list_(pa.binary())),
        pa.field("open_top", pa.bool_()),
        pa.field("open_after", pa.bool_()),
        pa.field("types", pa.binary()),
    ]
)


def input_types(surveys: list[Survey]) -> pl.Schema:
    """A JSON Lines file's columns and types, from all its blocks (the key columns alone, as text,
    when no line is JSON, as the local reader answers)."""
    found = [pl.from_arrow(pa.ipc.read_schema(pa.py_buffer(s.types)).empty_table()) for s in surveys if s.types]
    frames = [f for f in found if isinstance(f, pl.DataFrame)]
    return merged_types([f.schema for f in frames]) if frames else pl.Schema(dict.fromkeys(REQUIRED, pl.Utf8))


# ----------------------------------------------------------------------------------------- plans


@dataclass(frozen=True)
class Plan:
    """How a block is read: ``base``, the file's lines before it; ``skip``, its kept lines that an
    earlier record (or the header) takes; ``lookahead``, the next block's lines its last record
    takes; ``reason``, why its last line, open at its end, is no record (when the next block says)."""

    base: int
    skip: int = 0
    lookahead: tuple[bytes, ...] = ()
    reason: str | None = None


def plan_blocks(surveys: list[Survey], text: TextInput) -> dict[int, Plan]:
    """Each block's :class:`Plan`, by its first byte, decided block after block in file order."""
    if surveys and surveys[0].kept < text.header_end:
        raise InputError(f"cannot read {text.path}: its header runs past Spark's first file split")
    plans: dict[int, Plan] = {}
    base, skip, after = 0, text.header_end, False
    for n, s in enumerate(surveys):
        nxt = surveys[n + 1] if n + 1 < len(surveys) else None
        joined = _last_record(s, nxt, after, text)
        lookahead = tuple(nxt.head) if isinstance(joined, int) and nxt is not None and nxt.head else ()
        plans[s.start] = Plan(base, skip, lookahead, joined if isinstance(joined, str) else None)
        base += s.count
        after = bool(lookahead)
        skip = nxt.first_odd + 1 if after and nxt is not None else 0
    return plans


def _last_record(s: Survey, nxt: Survey | None, after: bool, text: TextInput) -> int | str | None:
    """When a CSV block's last line opens a quote the block does not close: the end of the record
    it makes with the next block's first odd line (their lines, counted from it), or why they are
    none, as the local reader reads them; ``None`` when it is not open, or the two are too far apart."""
    if not text.csv or nxt is None or nxt.head is None or s.tail is None:
        return None
    if not (s.open_after if after else s.open_top):
        return None
    return quoted_records([*s.tail, *nxt.head], 0, text.width).get(0)


# ----------------------------------------------------------------------------------- second pass

#: A chunk of a block as the local reader reads it: its rows, where they are in the file, and the
#: lines that cannot be read, by their line numbers in the file.
Chunk = tuple[pl.DataFrame, LineMap | None, list[Unreadable]]


def read_blocks(
    batches: Iterator[pa.RecordBatch], text: TextInput, plans: dict[int, Plan], empty: pl.DataFrame
) -> Iterator[Chunk]:
    """The second pass, in a task: its blocks' chunks. ``empty``: the input's columns, for the
    lines that do not decode (rejects with every column empty)."""
    for start, parts in blocks(batches):
        plan = plans.get(start)
        if plan is None:
            raise RuntimeError(f"Spark read a block at byte {start} the first pass did not see")
        block = Block.read(start, parts, text.codec)
        if block.left_out:
            yield empty, None, [(plan.base + 1 + k, why) for k, why in block.left_out]
        yield from _chunks(block, plan, text)


def _chunks(block: Block, plan: Plan, text: TextInput) -> Iterator[Chunk]:
    """A block's lines (with the next block's its last record takes) a chunk at a time, each read
    as the local reader reads a file's text and named by the file's line numbers."""
    lines = [*block.lines, *plan.lookahead]
    after = plan.base + block.count + 1  # the next block's first line
    numbers = np.concatenate([plan.base + 1 + block.at, after + np.arange(len(plan.lookahead), dtype=np.int64)])
    if text.csv:
        yield from _csv_chunks(lines, numbers, plan, text)
        return
    for a in range(plan.skip, len(lines), CHUNK_LINES):
        data = b"\n".join(lines[a : a + CHUNK_LINES]) + b"\n"
        if data.strip():  # blank lines are no lines, and a chunk of them has no columns to read
            yield _numbered(read_text(data, text.path, schema=text.types), numbers[a : a + CHUNK_LINES], 0)


def _csv_chunks(lines: list[bytes], numbers: npt.NDArray[np.int64], plan: Plan, text: TextInput) -> Iterator[Chunk]:
    """A CSV block's chunks, each its header and lines, with how the block's records over lines are
    cut: decided once for the whole block, so a line that opens a quote is read the same whichever
    chunk holds its partner."""
    quoted = quoted_records(lines, plan.skip, text.width)
    if plan.reason is not None:  # the open last line: why the next block says it is no record
        quoted = {k: plan.reason if v == NEVER_CLOSED else v for k, v in quoted.items()}
    h = len(text.header)
    for a, b in _cuts(plan.skip, len(lines), quoted):
        data = b"\n".join([*text.header, *lines[a:b]]) + b"\n"
        mine: Quoted = {k - a + h: v - a + h if isinstance(v, int) else v for k, v in quoted.items() if a <= k < b}
        yield _numbered(read_text(data, text.path, mine), numbers[a:b], h)


def _cuts(start: int, end: int, quoted: Quoted) -> Iterator[tuple[int, int]]:
    """Chunks of about :data:`CHUNK_LINES` lines from ``start`` to ``end``, none cutting a record over lines in two."""
    spans = sorted((k, v) for k, v in quoted.items() if isinstance(v, int))
    opens = [k for k, _ in spans]
    a = start
    while a < end:
        b = min(a + CHUNK_LINES, end)
        i = bisect.bisect_left(opens, b) - 1
        if i >= 0 and spans[i][1] > b:
            b = spans[i][1]
        yield a, b
        a = b


def _numbered(read: tuple[pl.DataFrame, list[Unreadable], LineMap], numbers: npt.NDArray[np.int64], h: int) -> Chunk:
    """A chunk read from its text (the header's ``h`` lines, then its own) with the file's line numbers."""
    df, unreadable, where = read

    def lines(at: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        return numbers[where(at) - h - 1]

    return df, lines, [(int(numbers[n - h - 1]), why) for n, why in unreadable]
