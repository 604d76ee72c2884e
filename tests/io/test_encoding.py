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


def test_one_bad_byte_in_utf8_text_is_refused_with_its_place_not_garbled():
    lines = "Kerja sama pemerintah dan LSM. Café, Réunion.\n" * 30
    data = lines.encode("utf-8")
    data = data[:700] + b"\xe9" + data[700:]
    with pytest.raises(InputFileError, match=r"not valid UTF-8 at line 15, byte 700"):
        decode_bytes(data, "f.txt")


def test_a_file_with_one_bad_byte_imports_nothing(tmp_path, capsys):
    from qcode.cli.main import main
    from qcode.io.encoding import detect_encoding

    lines = "Kerja sama pemerintah dan LSM. Café, Réunion.\n" * 30000  # past one read chunk
    data = lines.encode("utf-8")
    bad = len(data) - 500
    path = tmp_path / "mixed.txt"
    path.write_bytes(data[:bad] + b"\x92" + data[bad:])
    with pytest.raises(InputFileError, match=f"byte {bad:,}"):
        detect_encoding(path)
    project = str(tmp_path / "review.qcode")
    assert main(["init", project]) == 0
    assert main(["import", project, str(path)]) == 3
    assert "not valid UTF-8 at line" in capsys.readouterr().err
    assert main(["docs", project, "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
