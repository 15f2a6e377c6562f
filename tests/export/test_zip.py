"""The deterministic zip writer: what zipfile writes, byte for byte, and entries compressed once reused as
they are."""

from __future__ import annotations

import io
import zipfile

import pytest

from oerkit.export._zip import LEVEL, Packed, deflate, members, write_zip, zip_time

FILES = {
    "mimetype": b"application/epub+zip",
    "b/page.html": b"<p>" + "Resilience is a city's capacity to absorb shocks. ".encode() * 400 + b"</p>",
    "a/script.js": bytes(range(256)) * 64,
    "empty.txt": b"",
    "média/ünïcode.svg": "<svg><title>Ελληνικά</title></svg>".encode(),
}


def zipfile_writes(files: dict[str, bytes], first=(), stored=()) -> bytes:
    """The archive Python's zipfile writes with the writer's settings (the writer oerkit used before)."""
    out = io.BytesIO()
    names = [n for n in first if n in files] + sorted(n for n in files if n not in first)
    with zipfile.ZipFile(out, "w") as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=zip_time())
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, files[name], compresslevel=LEVEL if name not in stored else None)
    return out.getvalue()


@pytest.mark.parametrize("epoch", ["0", "1704067200"])
def test_the_archive_is_the_one_zipfile_writes(tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    size = write_zip(tmp_path / "a.zip", FILES, first=("mimetype",), stored=("mimetype",))
    written = (tmp_path / "a.zip").read_bytes()
    assert written == zipfile_writes(FILES, first=("mimetype",), stored=("mimetype",))
    assert size == len(written)
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert zf.namelist()[0] == "mimetype" and zf.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert zf.testzip() is None
        assert {n: zf.read(n) for n in zf.namelist()} == FILES


def test_packed_entries_are_written_as_they_are(tmp_path):
    """An entry compressed once and given as Packed makes the same archive as its bytes; the entries of a
    zip, read without decompressing them, make the same zip again."""
    packed = {name: deflate(data) if name != "mimetype" else data for name, data in FILES.items()}
    assert all(isinstance(v, Packed) for k, v in packed.items() if k != "mimetype")
    write_zip(tmp_path / "bytes.zip", FILES, first=("mimetype",), stored=("mimetype",))
    write_zip(tmp_path / "packed.zip", packed, first=("mimetype",), stored=("mimetype",))
    assert (tmp_path / "packed.zip").read_bytes() == (tmp_path / "bytes.zip").read_bytes()
    read = members((tmp_path / "bytes.zip").read_bytes())
    assert read == packed
    assert {n: v.unpacked() if isinstance(v, Packed) else v for n, v in read.items()} == FILES
    write_zip(tmp_path / "again.zip", read, first=("mimetype",), stored=("mimetype",))
    assert (tmp_path / "again.zip").read_bytes() == (tmp_path / "bytes.zip").read_bytes()


def test_an_entry_compressed_elsewhere_is_kept(tmp_path):
    """A zip compressed at another level (as pandoc's EPUBs are): its entries are copied, not compressed again,
    and read back the same."""
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in FILES.items():
            zf.writestr(name, data)
    read = members(source.getvalue())
    assert read["b/page.html"] != deflate(FILES["b/page.html"])  # level 1, not this writer's level
    write_zip(tmp_path / "copy.zip", read)
    with zipfile.ZipFile(tmp_path / "copy.zip") as zf:
        assert zf.testzip() is None
        assert {n: zf.read(n) for n in zf.namelist()} == FILES
        assert zf.getinfo("b/page.html").compress_size == len(read["b/page.html"].data)


def test_a_stored_entry_must_be_uncompressed(tmp_path):
    with pytest.raises(ValueError, match="mimetype"):
        write_zip(tmp_path / "x.zip", {"mimetype": deflate(b"application/epub+zip")}, stored=("mimetype",))
    assert not (tmp_path / "x.zip").exists()
