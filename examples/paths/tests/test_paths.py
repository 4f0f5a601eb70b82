"""Edge cases of the paths page that its session does not show."""

import os
import pathlib

import _paths_rs as paths
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# One file-name component: any bytes but NUL and "/", not "." or "..".
NAMES = st.binary(min_size=1, max_size=60).filter(
    lambda b: b"\0" not in b and b"/" not in b and b not in (b".", b"..")
)


@given(st.binary().filter(lambda b: b"\0" not in b))
def test_flexible_bytes_match_fsdecode(raw):
    assert paths.flexible(raw) == pathlib.Path(os.fsdecode(raw))


@given(st.text().filter(lambda s: "\0" not in s))
def test_str_paths_agree(text):
    # Lone surrogates other than U+DC80..U+DCFF cannot be encoded.
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            paths.native(text)
        with pytest.raises(UnicodeEncodeError):
            paths.flexible(text)
        return
    assert paths.native(text) == paths.flexible(text) == pathlib.Path(text)


@settings(max_examples=50)
@given(NAMES)
def test_touch_and_list_round_trip(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("names")
    paths.touch(os.path.join(os.fsencode(folder), raw))
    assert paths.list_names(folder) == [raw]
    assert os.listdir(folder) == [os.fsdecode(raw)]


def test_list_names_is_sorted_bytes(tmp_path):
    for name in ["b", "a", "caf\udcff", "A"]:
        paths.touch(tmp_path / name)
    assert paths.list_names(tmp_path) == [b"A", b"a", b"b", b"caf\xff"]


def test_empty_directory(tmp_path):
    assert paths.list_names(tmp_path) == []


@pytest.mark.parametrize(
    "bad", [None, 42, 1.5, bytearray(b"x"), memoryview(b"x"), ["a"], object()]
)
@pytest.mark.parametrize("func", [paths.native, paths.flexible, paths.touch])
def test_wrong_types(func, bad):
    with pytest.raises(TypeError, match=r"os\.PathLike object"):
        func(bad)


def test_native_rejects_bytes_and_bytes_fspath():
    class Raw:
        def __fspath__(self):
            return b"raw"

    with pytest.raises(TypeError):
        paths.native(b"raw")
    with pytest.raises(TypeError):
        paths.native(Raw())
    assert paths.flexible(Raw()) == pathlib.Path("raw")


def test_fspath_errors_propagate():
    boom = RuntimeError("boom")

    class Failing:
        def __fspath__(self):
            raise boom

    class WrongResult:
        def __fspath__(self):
            return 3

    with pytest.raises(RuntimeError) as raised:
        paths.flexible(Failing())
    # The very exception __fspath__ raised; PyO3 only adds its note.
    assert raised.value is boom
    assert str(boom) == "boom"
    assert boom.__notes__ == ["while processing 'path'"]
    with pytest.raises(TypeError, match="not int"):
        paths.flexible(WrongResult())


def test_nul_byte_is_an_os_error(tmp_path):
    with pytest.raises(OSError, match="NUL"):
        paths.touch(os.path.join(tmp_path, "a\0b"))


def test_missing_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        paths.list_names(tmp_path / "missing")
    with pytest.raises(FileNotFoundError):
        paths.touch(tmp_path / "missing" / "file")
    with pytest.raises(NotADirectoryError):
        paths.list_names(paths.touch(tmp_path / "file") or tmp_path / "file")


def test_huge_name_is_an_os_error(tmp_path):
    with pytest.raises(OSError, match="too long"):
        paths.touch(tmp_path / ("x" * 10_000))
