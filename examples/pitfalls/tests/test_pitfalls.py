"""Edge cases of the pitfalls module that its page does not show."""

from __future__ import annotations

import errno
import gc
import math
import os
import sys
import tempfile
import threading
import weakref
from pathlib import Path

import _pitfalls_rs as pitfalls
import pytest
from hypothesis import given
from hypothesis import strategies as st

NOT_A_DURATION = st.one_of(
    st.floats(max_value=-1e-9),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e300]),
)


@given(seconds=NOT_A_DURATION)
def test_sleep_rejects_impossible_durations(seconds: float) -> None:
    ticker = pitfalls.Ticker()
    for sleep in (pitfalls.sleep_attached, pitfalls.sleep_detached):
        with pytest.raises(ValueError, match="cannot sleep"):
            sleep(ticker, seconds)


@pytest.mark.parametrize("wrong", [None, "0.1", [0.1]])
def test_sleep_rejects_wrong_types(wrong: object) -> None:
    with pytest.raises(TypeError):
        pitfalls.sleep_detached(pitfalls.Ticker(), wrong)
    with pytest.raises(TypeError):
        pitfalls.sleep_attached(object(), 0.0)


def test_sleep_zero_counts_nothing_while_attached() -> None:
    assert pitfalls.sleep_attached(pitfalls.Ticker(), 0.0) == 0


@given(data=st.binary(max_size=4096))
def test_checksums_agree_with_python(data: bytes) -> None:
    assert pitfalls.checksum(data) == sum(data)
    assert pitfalls.checksum_detached(data) == sum(data)


@pytest.mark.parametrize("wrong", [None, "text", bytearray(b"ab"), [1, 2]])
def test_checksum_accepts_only_bytes(wrong: object) -> None:
    with pytest.raises(TypeError):
        pitfalls.checksum(wrong)


@given(entries=st.lists(st.one_of(st.none(), st.integers(), st.text()), max_size=50))
def test_journal_counts_every_entry(entries: list[object]) -> None:
    journal = pitfalls.Journal()
    counts = [journal.append(entry) for entry in entries]
    assert counts == list(range(1, len(entries) + 1))


def test_journal_keeps_the_error_of_str() -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise KeyError("no text")

    journal = pitfalls.Journal()
    with pytest.raises(KeyError):
        journal.append(Unprintable())
    assert journal.append("after") == 1


def test_journal_under_contention() -> None:
    journal = pitfalls.Journal()

    def write() -> None:
        for number in range(500):
            journal.append(number)

    writers = [threading.Thread(target=write) for _ in range(8)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert journal.append("last") == 8 * 500 + 1


def test_read_text_returns_the_content(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("answer = 42\n", encoding="utf-8")
    for read in (
        pitfalls.read_text,
        pitfalls.read_text_generic,
        pitfalls.read_text_question_mark,
        pitfalls.read_text_unwrap,
    ):
        assert read(path) == "answer = 42\n"


def test_read_text_matches_open(tmp_path: Path) -> None:
    cases = [tmp_path / "missing", tmp_path]
    for path in cases:
        with pytest.raises(OSError, match=r"^\[Errno \d+\] ") as ours:
            pitfalls.read_text(path)
        with pytest.raises(OSError, match=r"^\[Errno \d+\] ") as builtin:
            path.read_text()
        assert type(ours.value) is type(builtin.value)
        assert ours.value.errno == builtin.value.errno
        assert ours.value.filename == os.fspath(path)


def test_read_text_of_non_utf8_content_is_an_os_error(tmp_path: Path) -> None:
    # read_to_string reports invalid UTF-8 as an io::Error without an errno.
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(OSError, match="valid UTF-8") as caught:
        pitfalls.read_text(path)
    assert caught.value.errno is None


def test_a_panic_is_not_an_exception(tmp_path: Path) -> None:
    with pytest.raises(BaseException, match="unwrap") as caught:
        pitfalls.read_text_unwrap(tmp_path / "missing")
    assert not isinstance(caught.value, Exception)
    assert type(caught.value).__name__ == "PanicException"


@pytest.mark.parametrize("node_class", [pitfalls.Node, pitfalls.LeakyNode])
def test_nodes_hold_any_object_or_none(node_class: type) -> None:
    node = node_class()
    assert node.next is None
    for value in (1, "two", node, None):
        node.next = value
        assert node.next is value


def test_node_self_cycle_is_collected() -> None:
    node = pitfalls.Node()
    node.next = node
    alive = weakref.ref(node)
    del node
    gc.collect()
    assert alive() is None


def test_long_node_chain_in_a_cycle_is_collected() -> None:
    first = pitfalls.Node()
    current = first
    for _ in range(1000):
        following = pitfalls.Node()
        current.next = following
        current = following
    current.next = first
    alive = weakref.ref(first)
    del first, current, following
    gc.collect()
    assert alive() is None


def test_node_traverse_reports_what_it_holds() -> None:
    node, payload = pitfalls.Node(), object()
    node.next = payload
    assert payload in gc.get_referents(node)


def test_drop_detached_releases_the_reference() -> None:
    class Payload:
        pass

    payload = Payload()
    alive = weakref.ref(payload)
    pitfalls.drop_detached(payload)
    del payload
    assert alive() is None


NAME_BYTES = st.binary(min_size=1, max_size=30).filter(
    lambda raw: b"/" not in raw and b"\0" not in raw and raw not in (b".", b"..")
)


@given(raw=NAME_BYTES)
def test_path_functions_accept_any_file_name(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        check_file_name(Path(name), raw)


def check_file_name(folder: Path, raw: bytes) -> None:
    path = folder / os.fsdecode(raw)
    path.write_bytes(b"12345")
    assert pitfalls.size(path) == 5
    assert pitfalls.size_any(path) == 5
    assert pitfalls.size_any(os.fsencode(path)) == 5
    assert pitfalls.names(folder) == [Path(os.fsdecode(raw))]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(UnicodeEncodeError):
            pitfalls.size_str(os.fspath(path))
    else:
        assert pitfalls.size_str(os.fspath(path)) == 5
        assert pitfalls.names_lossy(folder) == [raw.decode("utf-8")]


@pytest.mark.parametrize("wrong", [None, 3, 2.5, ["a"]])
def test_path_functions_reject_wrong_types(wrong: object) -> None:
    for function in (pitfalls.size, pitfalls.size_str, pitfalls.names):
        with pytest.raises(TypeError):
            function(wrong)
    with pytest.raises(TypeError):
        pitfalls.size_any(wrong)


def test_path_with_nul_is_a_plain_os_error(tmp_path: Path) -> None:
    # Python's own os.stat raises ValueError here (3.13 reworded it); Rust
    # reports InvalidInput, which PyO3 turns into a plain OSError.
    if sys.version_info >= (3, 13):
        python_says = "embedded null character in path"
    else:
        python_says = "embedded null byte"
    with pytest.raises(ValueError, match=python_says):
        os.stat(tmp_path / "a\0b")
    for function in (pitfalls.size, pitfalls.size_any, pitfalls.size_str):
        with pytest.raises(OSError, match="NUL") as caught:
            function(os.fspath(tmp_path / "a\0b"))
        assert type(caught.value) is OSError


def test_names_of_a_file_is_not_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "plain"
    path.write_bytes(b"")
    with pytest.raises(NotADirectoryError) as caught:
        pitfalls.names(path)
    assert caught.value.errno is None  # `?` keeps the class, not the errno
    with pytest.raises(FileNotFoundError):
        pitfalls.names_lossy(tmp_path / "missing")


def test_empty_path_is_not_found() -> None:
    with pytest.raises(FileNotFoundError):
        pitfalls.size("")
    with pytest.raises(OSError, match="No such file") as caught:
        pitfalls.read_text("")
    assert caught.value.errno == errno.ENOENT
