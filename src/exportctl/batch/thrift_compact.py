"""Thrift's compact protocol, read and written without a schema, every field kept.

Why by hand: a Parquet file's footer is a Thrift ``FileMetaData`` in the compact protocol, and
:mod:`exportctl.batch.splice` must change a few of its numbers (where each column chunk now
starts, the schema's new columns) and keep everything else exactly as the writer left it:
statistics, encodings, logical types, and fields newer than any schema we could ship. pyarrow
reads and writes footers but exposes neither; Thrift libraries (thriftpy2, thrift) decode against
Parquet's IDL and drop what the IDL they were given does not name. The protocol is small
(https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md): fields carry
their id and type, so a struct can be read into ``{id: (type, value)}`` and written back as read.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(13)
#: Kept until written again, but never looked into: nothing in a footer we change is one of these.
_INTEGERS = (BYTE, I16, I32, I64)


class ThriftError(ValueError):
    """The bytes are not a compact-protocol struct (a damaged or foreign footer)."""


@dataclass
class Struct:
    """A struct's fields by id: ``{id: (type, value)}``; lists are :class:`Items`, structs nested."""

    fields: dict[int, tuple[int, Any]] = field(default_factory=dict)

    def get(self, fid: int, default: Any = None) -> Any:
        got = self.fields.get(fid)
        return default if got is None else got[1]

    def set(self, fid: int, kind: int, value: Any) -> None:
        self.fields[fid] = (kind, value)

    def drop(self, *fids: int) -> None:
        for fid in fids:
            self.fields.pop(fid, None)


@dataclass
class Items:
    """A list or set: its elements' type and the elements."""

    kind: int
    values: list[Any]


class _Reader:
    def __init__(self, data: bytes | memoryview) -> None:
        self.data = memoryview(data)
        self.at = 0

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise ThriftError("truncated Thrift data")
        b = self.data[self.at]
        self.at += 1
        return b

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 70:
                raise ThriftError("varint too long")

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def raw(self, n: int) -> bytes:
        if n < 0 or self.at + n > len(self.data):
            raise ThriftError("truncated Thrift data")
        out = bytes(self.data[self.at : self.at + n])
        self.at += n
        return out

    def value(self, kind: int) -> Any:
        if kind in (TRUE, FALSE):  # inside a container: one byte (a field's own type says it)
            return self.byte() == TRUE
        if kind == BYTE:
            b = self.byte()
            return b - 256 if b > 127 else b
        if kind in (I16, I32, I64):
            return self.zigzag()
        if kind == DOUBLE:
            return struct.unpack("<d", self.raw(8))[0]
        if kind == BINARY:
            return self.raw(self.varint())
        if kind in (LIST, SET):
            head = self.byte()
            size, elem = head >> 4, head & 0x0F
            if size == 15:
                size = self.varint()
            return Items(elem, [self.value(elem) for _ in range(size)])
        if kind == MAP:
            size = self.varint()
            if not size:
                return (0, 0, [])
            kv = self.byte()
            k, v = kv >> 4, kv & 0x0F
            return (k, v, [(self.value(k), self.value(v)) for _ in range(size)])
        if kind == STRUCT:
            return self.struct()
        raise ThriftError(f"unknown Thrift type {kind}")

    def struct(self) -> Struct:
        out, last = Struct(), 0
        while True:
            head = self.byte()
            kind = head & 0x0F
            if kind == STOP:
                return out
            delta = head >> 4
            fid = last + delta if delta else self.zigzag()
            if kind in (TRUE, FALSE):
                out.fields[fid] = (kind, kind == TRUE)
            else:
                out.fields[fid] = (kind, self.value(kind))
            last = fid


class _Writer:
    def __init__(self) -> None:
        self.out = bytearray()

    def varint(self, n: int) -> None:
        while True:
            if n < 0x80:
                self.out.append(n)
                return
            self.out.append((n & 0x7F) | 0x80)
            n >>= 7

    def zigzag(self, n: int) -> None:
        self.varint((n << 1) ^ (n >> 63))

    def value(self, kind: int, v: Any) -> None:
        if kind in (TRUE, FALSE):
            self.out.append(TRUE if v else FALSE)
        elif kind == BYTE:
            self.out.append(v & 0xFF)
        elif kind in (I16, I32, I64):
            self.zigzag(int(v))
        elif kind == DOUBLE:
            self.out += struct.pack("<d", v)
        elif kind == BINARY:
            self.varint(len(v))
            self.out += v
        elif kind in (LIST, SET):
            items: Items = v
            n = len(items.values)
            if n < 15:
                self.out.append((n << 4) | items.kind)
            else:
                self.out.append(0xF0 | items.kind)
                self.varint(n)
            for x in items.values:
                self.value(items.kind, x)
        elif kind == MAP:
            k, vk, pairs = v
            self.varint(len(pairs))
            if pairs:
                self.out.append((k << 4) | vk)
                for a, b in pairs:
                    self.value(k, a)
                    self.value(vk, b)
        elif kind == STRUCT:
            self.struct(v)
        else:
            raise ThriftError(f"unknown Thrift type {kind}")

    def struct(self, s: Struct) -> None:
        last = 0
        for fid in sorted(s.fields):
            kind, v = s.fields[fid]
            if kind in (TRUE, FALSE):
                kind = TRUE if v else FALSE
            delta = fid - last
            if 0 < delta <= 15:
                self.out.append((delta << 4) | kind)
            else:
                self.out.append(kind)
                self.zigzag(fid)
            if kind not in (TRUE, FALSE):
                self.value(kind, v)
            last = fid
        self.out.append(STOP)


def read_struct(data: bytes | memoryview) -> tuple[Struct, int]:
    """A struct from the start of ``data``, and how many bytes it took."""
    r = _Reader(data)
    try:
        return r.struct(), r.at
    except (IndexError, struct.error, RecursionError) as exc:
        raise ThriftError(str(exc)) from exc


def write_struct(s: Struct) -> bytes:
    w = _Writer()
    w.struct(s)
    return bytes(w.out)
