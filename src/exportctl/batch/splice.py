"""A screened Parquet file written as the input's own column chunks, copied byte for byte, beside
the answer's columns.

Why: ``screen in.parquet -o out.parquet`` writes every line's own columns back as they came. Decoding
them and encoding them again was a quarter of a run's CPU (3 M lines: 1.5 of 6-7 CPU s) for bytes
that end up as they were. A Parquet file is its column chunks plus a footer that says where each
starts, so the output can hold the input's chunks, copied, and new chunks for the answer's columns
only, encoded by pyarrow row group by row group (the input's row groups, so the lines line up), with
a footer that is pyarrow's own for the whole output schema and the chunks' metadata moved to where
they now lie (:mod:`exportctl.batch.thrift_compact`). Readers see the file the ordinary writer
writes: the same columns, types and values (``tests/test_splice.py`` reads both with pyarrow, polars
and DuckDB).

A row group any of whose lines was rejected (they go to the rejects file, not the results) is
encoded whole from the screened lines instead. Inputs this cannot hold to are written the ordinary
way, decided before the first byte: files of writers not in :data:`TRUSTED_WRITERS`, encrypted files,
chunks in other files or that overlap, encodings outside :data:`PLAIN_ENCODINGS`, row
groups of more than :data:`MAX_GROUP_ROWS` lines (held in memory until complete) or of fewer than
:data:`MIN_GROUP_ROWS` on average, or a schema pyarrow would write otherwise (so a re-encoded row group
would not match the copied ones: INT96 times, DuckDB's converted types without logical types, a list
whose element is named ``item``). Copied chunks keep no statistics.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from exportctl.batch.thrift_compact import (
    BINARY,
    I16,
    I64,
    LIST,
    STRUCT,
    Items,
    Struct,
    ThriftError,
    read_struct,
    write_struct,
)
from exportctl.errors import InputError

MAGIC = b"PAR1"
#: Lines of one input row group held (screened) until the group is complete; larger groups are
#: written the ordinary way, so memory stays bounded whatever the input's writer chose.
MAX_GROUP_ROWS = 1 << 20

# FileMetaData, RowGroup, ColumnChunk and ColumnMetaData field ids (parquet-format's parquet.thrift).
FMD_SCHEMA, FMD_NUM_ROWS, FMD_ROW_GROUPS, FMD_ENCRYPTION, FMD_SIGNING_KEY = 2, 3, 4, 8, 9
RG_COLUMNS, RG_TOTAL_BYTES, RG_NUM_ROWS, RG_FILE_OFFSET, RG_COMPRESSED, RG_ORDINAL = 1, 2, 3, 5, 6, 7
CC_FILE_PATH, CC_FILE_OFFSET, CC_META, CC_OFFSET_INDEX, CC_OFFSET_INDEX_LEN = 1, 2, 3, 4, 5
CC_COLUMN_INDEX, CC_COLUMN_INDEX_LEN, CC_CRYPTO, CC_ENCRYPTED_META = 6, 7, 8, 9
CM_PATH, CM_UNCOMPRESSED, CM_COMPRESSED, CM_DATA_PAGE, CM_INDEX_PAGE, CM_DICT_PAGE = 3, 6, 7, 9, 10, 11
CM_BLOOM, CM_BLOOM_LEN = 14, 15
CM_ENCODINGS, CM_STATISTICS = 2, 12
SE_NAME, SE_NUM_CHILDREN = 4, 5
FMD_CREATED_BY = 6
#: Page encodings every reader decodes and pyarrow itself writes: PLAIN, PLAIN_DICTIONARY, RLE, BIT_PACKED,
#: RLE_DICTIONARY. A chunk in another (DELTA_*, BYTE_STREAM_SPLIT) is copied nowhere: some readers refuse
#: some of them on some types, which the ordinary writer never makes them meet (session review S34B-2).
PLAIN_ENCODINGS = frozenset({0, 2, 3, 4, 8})
#: Writers whose footers this module trusts to say where each chunk lies and what its statistics mean:
#: an old parquet-mr understated chunk sizes and wrote text statistics in a signed order, which readers
#: correct by ``created_by`` - a name the output no longer carries (session review S34B-3, S34B-4).
TRUSTED_WRITERS = ("parquet-cpp-arrow", "parquet-cpp", "Polars", "polars", "DuckDB", "duckdb", "parquet-rs")
#: Row groups per output at most (RowGroup.ordinal is an i16), and the fewest lines a row group must
#: hold on average: each is encoded by a writer of its own, which costs about a millisecond (40,000 row
#: groups of one line took 233 s: session review S34B-5).
MAX_GROUPS = 32_767
MIN_GROUP_ROWS = 8_192


def _footer(data: bytes | memoryview) -> Struct:
    """The FileMetaData of a whole Parquet file held in ``data``."""
    if len(data) < 12 or bytes(data[:4]) != MAGIC or bytes(data[-4:]) != MAGIC:
        raise ThriftError("not an unencrypted Parquet file")
    n = struct.unpack("<I", bytes(data[-8:-4]))[0]
    return read_struct(data[len(data) - 8 - n : len(data) - 8])[0]


def _read_footer(path: Path) -> tuple[Struct, int]:
    """A file's FileMetaData and where the footer starts (the end of the last chunk's bytes)."""
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        if size < 12:
            raise ThriftError("file too short")
        f.seek(0)
        if f.read(4) != MAGIC:
            raise ThriftError("not an unencrypted Parquet file")
        f.seek(size - 8)
        tail = f.read(8)
        if tail[4:] != MAGIC:
            raise ThriftError("not an unencrypted Parquet file")
        n = struct.unpack("<I", tail[:4])[0]
        if n + 12 > size:
            raise ThriftError("footer longer than the file")
        f.seek(size - 8 - n)
        return read_struct(f.read(n))[0], size - 8 - n


def _span(chunk: Struct) -> tuple[int, int]:
    """Where a column chunk's bytes start, and how many (dictionary page first, if any)."""
    meta: Struct = chunk.get(CC_META)
    data = int(meta.get(CM_DATA_PAGE))
    dictionary = meta.get(CM_DICT_PAGE)
    start = int(dictionary) if dictionary is not None and 0 < dictionary < data else data
    return start, int(meta.get(CM_COMPRESSED))


def _schema_shapes(elements: list[Struct]) -> list[bytes]:
    """Each schema element as written, a top-level column's without its name (renamed keys keep their
    shape): what decides how its chunks decode and how readers find them (a list's element named
    ``item`` or ``element``: session review S34B-1)."""
    shapes, i = [], 0
    while i < len(elements):
        top = Struct(dict(elements[i].fields))
        top.drop(SE_NAME)
        shapes.append(write_struct(top))
        end = i + 1 + _descendants(elements, i)
        shapes += [write_struct(e) for e in elements[i + 1 : end]]
        i = end
    return shapes


@dataclass
class _Group:
    rows: int
    chunks: list[tuple[int, int, Struct]]  # (start, length, the ColumnChunk as read)


@dataclass
class _Held:
    """What a row group of the output waits on: the screened pieces of its lines so far."""

    pieces: list[pa.Table] = field(default_factory=list)
    filled: int = 0  # the group's input lines seen
    whole: bool = True  # none of them rejected


class Splice:
    """Writes one output Parquet file from an input's row groups (see the module's docstring).

    :meth:`open` says whether the input can be spliced at all; :meth:`start` (given the first
    screened table) whether this output can; then :meth:`write` takes each screened chunk with
    how many input lines it had and which were kept, and :meth:`finish` writes the footer.
    """

    def __init__(self, path: Path, footer: Struct, end: int, groups: list[_Group], leaves: int) -> None:
        self.path = path
        self.footer = footer
        self.end = end
        self.groups = groups
        self.leaves = leaves  # leaf columns of the input (its chunks per row group)
        self._source: IO[bytes] | None = None
        self._out: IO[bytes] | None = None
        self._at = 0
        self._next = 0  # the input row group being filled
        self._held = _Held()
        self._row_groups: list[Struct] = []
        self._rows = 0

    @classmethod
    def open(cls, path: Path) -> Splice | None:
        """The input's row groups and chunks, or ``None`` when it cannot be spliced."""
        try:
            footer, end = _read_footer(path)
        except (OSError, ThriftError):
            return None
        if footer.get(FMD_ENCRYPTION) is not None or footer.get(FMD_SIGNING_KEY) is not None:
            return None
        schema: Items | None = footer.get(FMD_SCHEMA)
        row_groups: Items | None = footer.get(FMD_ROW_GROUPS)
        if schema is None or row_groups is None or not schema.values:
            return None
        writer = bytes(footer.get(FMD_CREATED_BY) or b"").decode("utf-8", "replace")
        if not writer.startswith(TRUSTED_WRITERS):
            return None
        leaves = sum(1 for e in schema.values[1:] if not e.get(SE_NUM_CHILDREN))
        groups: list[_Group] = []
        spans: list[tuple[int, int]] = []
        try:
            for rg in row_groups.values:
                columns: Items = rg.get(RG_COLUMNS)
                rows = int(rg.get(RG_NUM_ROWS))
                if rows > MAX_GROUP_ROWS or len(columns.values) != leaves:
                    return None
                if rows == 0:  # an empty row group holds no line: nothing of it is copied
                    continue
                chunks = []
                for cc in columns.values:
                    if any(cc.get(f) is not None for f in (CC_FILE_PATH, CC_CRYPTO, CC_ENCRYPTED_META)):
                        return None
                    encodings: Items | None = cc.get(CC_META).get(CM_ENCODINGS)
                    if encodings is None or not set(encodings.values) <= PLAIN_ENCODINGS:
                        return None
                    start, length = _span(cc)
                    if start < 4 or length < 0 or start + length > end:
                        return None
                    chunks.append((start, length, cc))
                    spans.append((start, length))
                groups.append(_Group(rows, chunks))
        except (TypeError, ValueError, AttributeError):
            return None
        total = int(footer.get(FMD_NUM_ROWS, -1))
        if sum(g.rows for g in groups) != total or len(groups) > MAX_GROUPS:
            return None
        if len(groups) > 1 and total < MIN_GROUP_ROWS * len(groups):
            return None
        # The chunks may not overlap: a chunk whose size a footer overstates would be copied with its
        # neighbour's bytes. (Writers leave gaps between chunks: polars a copy of each chunk's metadata.)
        spans.sort()
        at = len(MAGIC)
        for start, length in spans:
            if start < at:
                return None
            at = start + length
        return cls(path, footer, end, groups, leaves)

    # -- the output ----------------------------------------------------------------------------

    def start(self, out: IO[bytes], schema: pa.Schema, options: Callable[[pa.Schema], dict[str, Any]]) -> bool:
        """Whether the output (``schema``: the input's columns, then the answer's) can be spliced;
        if so, the file is begun on ``out``.

        ``options``: the pyarrow writer's options for a schema (compression, dictionaries,
        statistics), as the ordinary writer uses them.
        """
        mine: Items = self.footer.get(FMD_SCHEMA)
        tops = int(mine.values[0].get(SE_NUM_CHILDREN) or 0)
        answers = len(schema.names) - tops
        if answers <= 0:
            return False
        self._options = options
        self._schema = schema
        self._answers = schema.names[tops:]
        # ``from_batches``, not ``schema.empty_table()``, which imports pandas.
        probe = _footer(self._encode(pa.Table.from_batches([], schema)))
        theirs: Items = probe.get(FMD_SCHEMA)
        inputs = len(mine.values) - 1
        if len(theirs.values) < len(mine.values) or int(theirs.values[0].get(SE_NUM_CHILDREN) or 0) != len(
            schema.names
        ):
            return False
        # The input's columns must be the output's first columns, each encoded as pyarrow would
        # (a row group re-encoded must decode like the copied ones), under the output's names.
        if _schema_shapes(mine.values[1:]) != _schema_shapes(theirs.values[1 : inputs + 1]):
            return False
        self._probe = probe
        self._leaf_names = self._renames(mine.values, theirs.values)
        self._out = out
        self._source = self.path.open("rb")
        out.write(MAGIC)
        self._at = len(MAGIC)
        self._skip_empty()
        return True

    def _encode(self, table: pa.Table) -> bytes:
        """``table`` as a Parquet file of one row group, in memory."""
        sink = io.BytesIO()
        with pq.ParquetWriter(sink, table.schema, **self._options(table.schema)) as w:
            if table.num_rows:
                w.write_table(table, row_group_size=table.num_rows)
        return sink.getvalue()

    def _skip_empty(self) -> None:
        while self._next < len(self.groups) and self.groups[self._next].rows == 0:
            self._next += 1

    def write(self, table: pa.Table, rows_in: int, kept: npt.NDArray[np.bool_] | None) -> None:
        """A screened chunk: ``rows_in`` input lines in order, ``kept`` those in ``table`` (all: None)."""
        if table.schema != self._schema:
            table = table.cast(self._schema)
        taken = 0  # the chunk's lines handed to row groups so far
        at = 0  # rows of ``table`` handed so far
        while taken < rows_in:
            if self._next >= len(self.groups):
                raise ValueError("more lines than the input's row groups hold")
            group = self.groups[self._next]
            held = self._held
            n = min(group.rows - held.filled, rows_in - taken)
            k = n if kept is None else int(np.count_nonzero(kept[taken : taken + n]))
            if k:
                held.pieces.append(table.slice(at, k))
            held.whole = held.whole and k == n
            held.filled += n
            taken += n
            at += k
            if held.filled == group.rows:
                self._flush(group)
                self._held = _Held()
                self._next += 1
                self._skip_empty()

    def _copy(self, start: int, length: int) -> None:
        assert self._source is not None and self._out is not None
        self._source.seek(start)
        left = length
        while left:
            block = self._source.read(min(left, 1 << 22))
            if not block:
                raise InputError(f"{self.path}: the input file changed while it was screened; run again")
            self._out.write(block)
            left -= len(block)

    def _place(
        self, chunk: Struct, start: int, length: int, rename: bytes | None = None, copied: bool = False
    ) -> Struct:
        """``chunk``'s metadata with its pages now at ``self._at`` (the bytes written after)."""
        delta = self._at - start
        moved = Struct(dict(chunk.fields))
        meta = Struct(dict(chunk.get(CC_META).fields))
        for fid in (CM_DATA_PAGE, CM_INDEX_PAGE, CM_DICT_PAGE):
            if meta.get(fid) is not None and (fid != CM_DICT_PAGE or meta.get(fid) > 0):
                meta.set(fid, I64, int(meta.get(fid)) + delta)
        meta.drop(CM_BLOOM, CM_BLOOM_LEN)  # bloom filters and page indexes are not copied
        if rename is not None or copied:
            # The ordinary writer writes no statistics on text, and an input's may be in an order only its
            # writer's name told readers to distrust (session review S34B-4): a copied chunk keeps none.
            meta.drop(CM_STATISTICS)
        if rename is not None:
            path: Items = meta.get(CM_PATH)
            meta.set(CM_PATH, LIST, Items(BINARY, [rename, *path.values[1:]]))
        moved.set(CC_META, STRUCT, meta)
        moved.set(CC_FILE_OFFSET, I64, self._at)
        moved.drop(CC_OFFSET_INDEX, CC_OFFSET_INDEX_LEN, CC_COLUMN_INDEX, CC_COLUMN_INDEX_LEN)
        self._at += length
        return moved

    def _from_encoded(self, data: bytes) -> list[tuple[list[Struct], int]]:
        """Copy the chunks of an in-memory file's row groups: (their moved metadata, rows) each."""
        assert self._out is not None
        footer = _footer(data)
        out = []
        for rg in footer.get(FMD_ROW_GROUPS).values:
            moved = []
            for cc in rg.get(RG_COLUMNS).values:
                start, length = _span(cc)
                self._out.write(data[start : start + length])
                moved.append(self._place(cc, start, length))
            out.append((moved, int(rg.get(RG_NUM_ROWS))))
        return out

    def _flush(self, group: _Group) -> None:
        held = self._held
        if not held.pieces:
            return
        if not held.whole:  # lines rejected: the group's kept lines encoded whole
            lines = pa.concat_tables(held.pieces).combine_chunks()
            for moved, rows in self._from_encoded(self._encode(lines)):
                self._add_group(moved, rows)
            return
        names = self._leaf_names
        first = self._at
        moved = []
        for (start, length, cc), name in zip(group.chunks, names, strict=True):
            self._copy(start, length)
            moved.append(self._place(cc, start, length, name, copied=True))
        answers = pa.concat_tables([p.select(self._answers) for p in held.pieces]).combine_chunks()
        encoded = self._from_encoded(self._encode(answers))
        if len(encoded) != 1 or encoded[0][1] != group.rows:
            raise ValueError("the answer's row group does not line up with the input's")
        self._add_group(moved + encoded[0][0], group.rows, first)

    @staticmethod
    def _renames(mine: list[Struct], theirs: list[Struct]) -> list[bytes | None]:
        """Per input leaf column, the output's name for its top-level column when renamed: a
        top-level element and all its leaves share the top's name (``mine`` and ``theirs`` are the
        two schemas' elements, the root first)."""
        names: list[bytes | None] = []
        i = 1
        while i < len(mine):
            new = theirs[i].get(SE_NAME)
            rename = new if mine[i].get(SE_NAME) != new else None
            end = i + 1 + _descendants(mine, i)
            names += [rename] * sum(1 for e in mine[i:end] if not e.get(SE_NUM_CHILDREN))
            i = end
        return names

    def _add_group(self, columns: list[Struct], rows: int, first: int | None = None) -> None:
        metas = [c.get(CC_META) for c in columns]
        rg = Struct()
        rg.set(RG_COLUMNS, LIST, Items(STRUCT, columns))
        rg.set(RG_TOTAL_BYTES, I64, sum(int(m.get(CM_UNCOMPRESSED)) for m in metas))
        rg.set(RG_NUM_ROWS, I64, rows)
        rg.set(RG_FILE_OFFSET, I64, first if first is not None else int(columns[0].get(CC_FILE_OFFSET)))
        rg.set(RG_COMPRESSED, I64, sum(int(m.get(CM_COMPRESSED)) for m in metas))
        rg.set(RG_ORDINAL, I16, len(self._row_groups))
        self._row_groups.append(rg)
        self._rows += rows

    def finish(self) -> None:
        """The footer: pyarrow's for the output's schema, with the row groups written."""
        assert self._out is not None
        if self._next < len(self.groups) or self._held.filled:
            raise ValueError("fewer lines than the input's row groups hold")
        footer = Struct(dict(self._probe.fields))
        footer.set(FMD_NUM_ROWS, I64, self._rows)
        footer.set(FMD_ROW_GROUPS, LIST, Items(STRUCT, self._row_groups))
        data = write_struct(footer)
        self._out.write(data)
        self._out.write(struct.pack("<I", len(data)))
        self._out.write(MAGIC)
        self.close()

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None


def _descendants(elements: list[Struct], i: int) -> int:
    """How many schema elements follow ``elements[i]`` inside it (its subtree, depth first)."""
    count, todo, j = 0, int(elements[i].get(SE_NUM_CHILDREN) or 0), i + 1
    while todo:
        children = int(elements[j].get(SE_NUM_CHILDREN) or 0)
        todo += children - 1
        count += 1
        j += 1
    return count
