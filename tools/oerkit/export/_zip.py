"""Deterministic zip files: sorted entries, fixed timestamps, fixed permissions, so the same sources
give byte-identical packages. `first` entries (EPUB's mimetype) come first and may be stored uncompressed.

An entry is either its bytes, deflated here, or `Packed`: bytes deflated already, written as they are. The
exporters pack once what many packages hold (the SCORM player and schemas, about 40 % of every SCORM
package), and keep what pandoc compressed in an EPUB, instead of compressing the same bytes again for each
package. Python's zipfile cannot write compressed data as it is, so the writer below writes the archive
itself: the same headers zipfile writes (a test compares the two, byte for byte), and zipfile reads."""

from __future__ import annotations

import io
import os
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold
# zlib's level 6 (its default) costs about 37 % less time than level 9 for packages about 0.6 % larger
# (measured on the curriculum's SCORM packages); packages are many and each is compressed on every change
LEVEL = 6
VERSION = 20  # the zip version that has DEFLATE, as zipfile writes it
UNIX = 3  # "made by" system: file permissions below are Unix ones
UTF8_NAME = 0x800  # flag: the entry's name is UTF-8
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
END_OF_ARCHIVE = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class Packed:
    """An entry deflated already: the raw DEFLATE stream, and the CRC-32 and length of the data it holds."""
    data: bytes
    crc: int
    size: int

    def unpacked(self) -> bytes:
        return zlib.decompress(self.data, -15)


def deflate(data: bytes) -> Packed:
    """`data` compressed as zipfile compresses it (the same stream, byte for byte)."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Packed(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def unpacked(entry: bytes | Packed) -> bytes:
    return entry.unpacked() if isinstance(entry, Packed) else entry


def members(archive: bytes) -> dict[str, bytes | Packed]:
    """The entries of a zip: deflated ones as `Packed` (not decompressed), stored ones as bytes."""
    out: dict[str, bytes | Packed] = {}
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        for info in zf.infolist():
            if info.compress_type == zipfile.ZIP_DEFLATED:
                fields = LOCAL_HEADER.unpack_from(archive, info.header_offset)
                start = info.header_offset + LOCAL_HEADER.size + fields[10] + fields[11]
                out[info.filename] = Packed(archive[start:start + info.compress_size], info.CRC, info.file_size)
            else:
                out[info.filename] = zf.read(info)
    return out


def zip_time() -> tuple:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    return time.gmtime(max(epoch, DEFAULT_EPOCH))[:6]


def write_zip(path: Path, files: dict[str, bytes | Packed], first: tuple[str, ...] = (),
              stored: tuple[str, ...] = ()) -> int:
    """Write `files` (archive name -> bytes or Packed) to `path`; return the size in bytes. `stored` entries
    are written uncompressed (they must be bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    year, month, day, hour, minute, second = zip_time()
    date, clock = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
    names = [n for n in first if n in files] + sorted(n for n in files if n not in first)
    out, central = io.BytesIO(), []
    for name in names:
        entry = files[name]
        if name in stored:
            if isinstance(entry, Packed):
                raise ValueError(f"{name}: a stored entry must be given uncompressed")
            method, data, crc, size = zipfile.ZIP_STORED, entry, zlib.crc32(entry), len(entry)
        else:
            packed = entry if isinstance(entry, Packed) else deflate(entry)
            method, data, crc, size = zipfile.ZIP_DEFLATED, packed.data, packed.crc, packed.size
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else UTF8_NAME
        offset = out.tell()
        out.write(LOCAL_HEADER.pack(b"PK\003\004", VERSION, 0, flags, method, clock, date, crc, len(data), size,
                                    len(encoded), 0))
        out.write(encoded)
        out.write(data)
        central.append(CENTRAL_HEADER.pack(b"PK\001\002", VERSION, UNIX, VERSION, 0, flags, method, clock, date,
                                           crc, len(data), size, len(encoded), 0, 0, 0, 0, 0o644 << 16, offset)
                       + encoded)
    start = out.tell()
    for header in central:
        out.write(header)
    out.write(END_OF_ARCHIVE.pack(b"PK\005\006", 0, 0, len(names), len(names), out.tell() - start, start, 0))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(out.getvalue())
    tmp.replace(path)
    return path.stat().st_size
