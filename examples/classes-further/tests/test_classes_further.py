"""Edge cases of the further-classes page that its session does not show."""

from __future__ import annotations

import copy
import gc
import pickle
import subprocess
import sys
import threading

import pytest
from _classes_further_rs import (
    Edit,
    Effect,
    Gain,
    Genre,
    Instrument,
    Length,
    Library,
    Playlist,
    Signal,
    Track,
)
from hypothesis import given
from hypothesis import strategies as st

SECONDS = st.integers(min_value=0, max_value=2**32 - 1)
TITLES = st.text(max_size=10)
TRACKS = st.lists(st.tuples(TITLES, SECONDS), max_size=8)


@given(SECONDS, SECONDS)
def test_length_compares_and_hashes_like_its_seconds(a: int, b: int) -> None:
    x, y = Length(a), Length(b)
    assert (x < y, x <= y, x == y, x != y, x > y, x >= y) == (
        a < b,
        a <= b,
        a == b,
        a != b,
        a > b,
        a >= b,
    )
    if x == y:
        assert hash(x) == hash(y)


@pytest.mark.parametrize("seconds", [-1, 2**32])
def test_length_out_of_range(seconds: int) -> None:
    with pytest.raises(OverflowError):
        Length(seconds)


def test_track_equality_needs_both_fields_and_no_hash() -> None:
    assert Track("a", 1) != Track("a", 2)
    assert Track("a", 1) != Track("b", 1)
    assert Track("a", 1) != "a"
    with pytest.raises(TypeError, match="unhashable"):
        hash(Track("a", 1))


@given(TRACKS, st.integers(min_value=-(2**62), max_value=2**62))
def test_indexing_matches_a_list(tracks: list[tuple[str, int]], index: int) -> None:
    model = [Track(*fields) for fields in tracks]
    playlist = Playlist(model)
    try:
        expected = model[index]
    except IndexError:
        with pytest.raises(IndexError, match="out of range"):
            playlist[index]
    else:
        assert playlist[index] is expected


@pytest.mark.parametrize("index", [2**64, -(2**64)])
def test_index_beyond_isize(index: int) -> None:
    with pytest.raises(OverflowError):
        Playlist()[index]


@pytest.mark.parametrize("tracks", ["ab", [1], [None], ("Intro", 95)])
def test_playlist_accepts_only_tracks(tracks: object) -> None:
    with pytest.raises(TypeError):
        Playlist(tracks)


def test_contains_uses_python_equality() -> None:
    class Raising:
        def __eq__(self, other: object) -> bool:
            raise ValueError("no comparison")

    playlist = Playlist([Track("a", 1)])
    assert "a" not in playlist
    with pytest.raises(ValueError, match="no comparison"):
        _ = Raising() in playlist


@given(TRACKS)
def test_iteration_yields_the_same_objects(tracks: list[tuple[str, int]]) -> None:
    playlist = Playlist([Track(*fields) for fields in tracks])
    assert [id(track) for track in playlist] == [
        id(playlist[i]) for i in range(len(playlist))
    ]


def test_iterator_keeps_its_playlist_alive() -> None:
    tracks = iter(Playlist([Track("a", 1)]))
    gc.collect()
    assert next(tracks).title == "a"


EDITS = st.one_of(
    st.builds(Edit.Remove, index=st.integers(-10, 10)),
    st.builds(Edit.Move, source=st.integers(-10, 10), target=st.integers(-10, 10)),
    st.builds(Edit.Rename, index=st.integers(-10, 10), title=TITLES),
)


def apply_to_list(model: list[str], edit: Edit) -> None:
    """What Playlist.apply does, on a list of titles."""
    size = len(model)

    def position(index: int) -> int:
        if not -size <= index < size:
            raise IndexError
        return index % size

    match edit:
        case Edit.Remove(index):
            del model[position(index)]
        case Edit.Move(source, target):
            source, target = position(source), position(target)
            model.insert(target, model.pop(source))
        case Edit.Rename(index, title):
            model[position(index)] = title


@given(st.lists(TITLES, max_size=6), st.lists(EDITS, max_size=6))
def test_edits_match_a_list_model(titles: list[str], edits: list[Edit]) -> None:
    playlist = Playlist([Track(title, 1) for title in titles])
    model = list(titles)
    for edit in edits:
        try:
            apply_to_list(model, edit)
        except IndexError:
            with pytest.raises(IndexError):
                playlist.apply(edit)
        else:
            playlist.apply(edit)
        assert [track.title for track in playlist] == model


def test_apply_accepts_only_edits() -> None:
    with pytest.raises(TypeError):
        Playlist().apply(Genre.Jazz)


def test_enum_members_are_singletons_and_hashable() -> None:
    assert Genre.Ambient is Genre.Ambient
    assert len({Genre.Ambient, Genre.Jazz, Genre.Rock, Genre.Jazz}) == 3
    assert Genre.Ambient != Genre.Jazz
    with pytest.raises(TypeError):
        Edit()


@pytest.mark.parametrize("factor", [-1.0, float("nan"), float("inf")])
def test_gain_rejects_impossible_factors(factor: float) -> None:
    with pytest.raises(ValueError, match="is not a gain"):
        Gain(factor)


def test_effect_is_subclassable_from_python_too() -> None:
    class Echo(Effect):
        def describe(self) -> str:
            return "echo of " + super().describe()

    assert Echo("delay").describe() == "echo of delay"
    with pytest.raises(ValueError, match="needs a name"):
        Effect("")


def test_init_can_run_again_and_checks_each_time() -> None:
    cello = Instrument("cello")
    cello.__init__("viola")
    assert cello.name == "viola"
    with pytest.raises(ValueError, match="needs a name"):
        cello.__init__("")
    assert cello.name == "viola"
    with pytest.raises(TypeError):
        Instrument()


@given(TRACKS)
def test_pickle_and_copy_round_trip(tracks: list[tuple[str, int]]) -> None:
    playlist = Playlist([Track(*fields) for fields in tracks])
    for clone in (
        pickle.loads(pickle.dumps(playlist)),
        copy.deepcopy(playlist),
    ):
        assert list(clone) == list(playlist)
        assert all(a is not b for a, b in zip(clone, playlist, strict=True))
    shallow = copy.copy(playlist)
    assert all(a is b for a, b in zip(shallow, playlist, strict=True))


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_every_protocol_from_two(protocol: int) -> None:
    track = Track("Intro", 95)
    assert pickle.loads(pickle.dumps(track, protocol)) == track
    assert pickle.loads(pickle.dumps(Length(7), protocol)) == Length(7)


@pytest.mark.parametrize("protocol", [0, 1])
def test_protocols_before_two_ignore_getnewargs(protocol: int) -> None:
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(Track("Intro", 95), protocol)


@pytest.mark.parametrize("name", ["", "jazz ", "Jaz", "rock and roll"])
def test_unknown_genre_names(name: str) -> None:
    with pytest.raises(ValueError, match="no genre named"):
        Genre.from_name(name)


def test_library_counts_plays_from_many_threads() -> None:
    library = Library()
    library.load(["a"], 0.0)

    def work() -> None:
        for _ in range(500):
            library.play("a")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert library["a"] == 2000
    assert not library.busy


@pytest.mark.parametrize("seconds", [-1.0, float("nan"), float("inf")])
def test_library_rejects_impossible_waits(seconds: float) -> None:
    library = Library()
    with pytest.raises(ValueError, match="cannot wait"):
        library.load(["a"], seconds)
    assert len(library) == 0


def test_library_keys_are_strings() -> None:
    library = Library()
    with pytest.raises(TypeError):
        library[1]
    with pytest.raises(TypeError):
        _ = 1 in library
    with pytest.raises(TypeError):
        iter(library)


# ANCHOR: deadlock
# The same program, with one method or the other as the reader.  A thread
# holds the lock while it waits detached; when it wants to attach again,
# the main thread waits for that lock, attached.  faulthandler's watchdog
# needs no interpreter lock: it stops a hung child after two seconds.
PROGRAM = """
import faulthandler, sys, threading, time
from _classes_further_rs import Library

faulthandler.dump_traceback_later(2, exit=True)
library = Library()
loader = threading.Thread(target=library.load, args=(["Intro"], 0.3))
loader.start()
while not library.busy and loader.is_alive():
    time.sleep(0.001)
print(getattr(library, sys.argv[1])())
"""


def run_program(reader: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, reader],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_waiting_detached_lets_the_holder_finish() -> None:
    result = run_program("titles")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "['Intro']\n"


def test_waiting_attached_deadlocks() -> None:
    result = run_program("titles_attached")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.startswith("Timeout (0:00:02)!")
    # The main thread is stuck in the call that waits for the lock.
    assert 'File "<string>", line 11 in <module>' in result.stderr


# ANCHOR_END: deadlock


def count_signals() -> int:
    return sum(type(obj) is Signal for obj in gc.get_objects())


def test_signal_connected_to_itself_is_freed() -> None:
    gc.collect()
    before = count_signals()
    signal = Signal()
    signal.connect(signal.emit)  # signal -> bound method -> signal
    assert count_signals() == before + 1
    del signal
    gc.collect()
    assert count_signals() == before


def test_emit_passes_arguments_and_errors() -> None:
    signal = Signal()
    seen: list[tuple[object, ...]] = []
    signal.connect(lambda *args: seen.append(args))
    signal.emit(1, "two")
    assert seen == [(1, "two")]

    def fail(*args: object) -> None:
        raise LookupError("from a callback")

    signal.connect(fail)
    with pytest.raises(LookupError, match="from a callback"):
        signal.emit()
