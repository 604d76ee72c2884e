import pytest

from qcode.core.errors import InputFileError
from qcode.io.encoding import decode_bytes

TEXT = "Kerja sama — Réunion, Москва"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_utf_encodings_are_read_exactly(data, encoding):
    decoded = decode_bytes(data, "f.txt")
    assert (decoded.text, decoded.encoding, decoded.warning) == (TEXT, encoding, None)


def test_windows_text_falls_back_to_cp1252_with_a_warning():
    decoded = decode_bytes("Café “quoted” – naïve".encode("cp1252"), "f.txt")
    assert decoded.text == "Café “quoted” – naïve"
    assert decoded.encoding == "cp1252" and "not UTF-8" in decoded.warning


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    decoded = decode_bytes(b"abc \x81 def \xe9", "f.txt")
    assert decoded.encoding == "latin-1" and decoded.text.endswith("é")


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00binary", bytes(range(1, 32)) * 40])
def test_binary_data_is_refused(data):
    with pytest.raises(InputFileError, match="f.txt: binary data"):
        decode_bytes(data, "f.txt")


def test_a_false_bom_is_reported():
    with pytest.raises(InputFileError, match="not valid utf-16"):
        decode_bytes(b"\xff\xfe\x00\xd8", "f.txt")
