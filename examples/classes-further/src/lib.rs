//! Python protocols implemented by Rust classes: comparison and hashing,
//! containers and iterators, enums, instances made and borrowed from Rust,
//! subclasses, `__init__`, pickling, a lock shared by threads, and garbage
//! collection for classes that hold Python objects.

/// Tracks, playlists and effects: Python protocols implemented in Rust.
#[pyo3::pymodule]
mod _classes_further_rs {
    use pyo3::PyTraverseError;
    use pyo3::exceptions::{PyIndexError, PyKeyError, PyRuntimeError, PyTypeError, PyValueError};
    use pyo3::gc::PyVisit;
    use pyo3::prelude::*;
    use pyo3::pyclass::CompareOp;
    use pyo3::sync::MutexExt;
    use pyo3::types::{PyDict, PyString, PyTuple, PyType};
    use std::collections::BTreeMap;
    use std::sync::{Mutex, MutexGuard};
    use std::{thread, time};

    /// Python's repr() of a Rust string, quotes and escapes included.
    fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
        Ok(PyString::new(py, text).repr()?.to_string())
    }

    // ANCHOR: length
    /// A length of time in whole seconds: an immutable value.
    #[pyclass(frozen)]
    #[derive(Clone, Copy, PartialEq)]
    pub struct Length {
        seconds: u32,
    }

    #[pymethods]
    impl Length {
        #[new]
        fn new(seconds: u32) -> Self {
            Self { seconds }
        }

        #[getter]
        fn seconds(&self) -> u32 {
            self.seconds
        }

        /// All six comparisons in one method.
        fn __richcmp__(&self, other: &Self, op: CompareOp) -> bool {
            op.matches(self.seconds.cmp(&other.seconds))
        }

        /// Equal lengths have equal seconds, so the seconds are a valid hash.
        fn __hash__(&self) -> u32 {
            self.seconds
        }

        fn __repr__(&self) -> String {
            format!("Length({})", self.seconds)
        }

        fn __str__(&self) -> String {
            format!("{}:{:02}", self.seconds / 60, self.seconds % 60)
        }
        // ANCHOR_END: length

        /// The arguments that recreate this value: pickle passes them to __new__.
        fn __getnewargs__(&self) -> (u32,) {
            (self.seconds,)
        }
    }

    // ANCHOR: track
    /// A piece of music. Its title can change, so it is compared by value
    /// but is not hashable.
    #[pyclass]
    pub struct Track {
        #[pyo3(get, set)]
        title: String,
        length: Length,
    }

    #[pymethods]
    impl Track {
        #[new]
        fn new(title: String, seconds: u32) -> Self {
            Self {
                title,
                length: Length { seconds },
            }
        }

        /// A new Length object on each read: a copy of the Rust value.
        #[getter]
        fn length(&self) -> Length {
            self.length
        }

        /// Only `==`; Python derives `!=` from it.
        fn __eq__(&self, other: &Self) -> bool {
            self.title == other.title && self.length == other.length
        }

        fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
            let title = py_repr(py, &self.title)?;
            Ok(format!("Track({title}, {})", self.length.seconds))
        }
        // ANCHOR_END: track

        // ANCHOR: track-pickle
        /// The arguments for `#[new]` that recreate this track.
        fn __getnewargs__(&self) -> (String, u32) {
            (self.title.clone(), self.length.seconds)
        }
        // ANCHOR_END: track-pickle
    }

    // ANCHOR: playlist
    /// Tracks in order: a sequence that shares its Track objects with Python.
    #[pyclass]
    pub struct Playlist {
        tracks: Vec<Py<Track>>,
    }

    impl Playlist {
        /// A Python index (negative counts from the end) as a position.
        fn position(&self, index: isize) -> PyResult<usize> {
            let len = self.tracks.len();
            let position = if index < 0 {
                len.checked_add_signed(index)
            } else {
                usize::try_from(index).ok()
            };
            match position {
                Some(position) if position < len => Ok(position),
                _ => Err(PyIndexError::new_err("playlist index out of range")),
            }
        }
    }

    #[pymethods]
    impl Playlist {
        #[new]
        #[pyo3(signature = (tracks = Vec::new()))]
        fn new(tracks: Vec<Py<Track>>) -> Self {
            Self { tracks }
        }

        fn __len__(&self) -> usize {
            self.tracks.len()
        }

        fn __getitem__(&self, py: Python<'_>, index: isize) -> PyResult<Py<Track>> {
            let position = self.position(index)?;
            Ok(self.tracks[position].clone_ref(py))
        }

        /// `in` compares with `==`, as a list does.
        fn __contains__(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<bool> {
            for track in &self.tracks {
                if track.bind(py).eq(item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }

        fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
            let tracks = self
                .tracks
                .iter()
                .map(|track| Ok(track.bind(py).repr()?.to_string()))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(format!("Playlist([{}])", tracks.join(", ")))
        }
        // ANCHOR_END: playlist

        // ANCHOR: iter
        fn __iter__(slf: PyRef<'_, Self>) -> PlaylistIter {
            PlaylistIter {
                playlist: Some(slf.into()),
                next: 0,
            }
        }
        // ANCHOR_END: iter

        // ANCHOR: create
        /// Make a Track, keep it and return it: both refer to one object.
        fn add(&mut self, py: Python<'_>, title: String, seconds: u32) -> PyResult<Py<Track>> {
            let track = Py::new(py, Track::new(title, seconds))?;
            self.tracks.push(track.clone_ref(py));
            Ok(track)
        }

        /// A new playlist with the same Track objects, like list.copy().
        fn copy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, Playlist>> {
            let tracks = self.tracks.iter().map(|track| track.clone_ref(py));
            Bound::new(py, Playlist::new(tracks.collect()))
        }
        // ANCHOR_END: create

        // ANCHOR: borrow
        /// Move every track of `other` to the end of this playlist.
        fn take_from(&mut self, mut other: PyRefMut<'_, Self>) {
            self.tracks.append(&mut other.tracks);
        }

        /// Append the tracks of `other`, which may be this playlist itself.
        fn extend(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) -> PyResult<()> {
            let py = slf.py();
            // A shared borrow, released at the end of this statement...
            let tracks: Vec<Py<Track>> = other
                .try_borrow()?
                .tracks
                .iter()
                .map(|track| track.clone_ref(py))
                .collect();
            // ...so that this exclusive one overlaps no other, even if other is slf.
            slf.try_borrow_mut()?.tracks.extend(tracks);
            Ok(())
        }
        // ANCHOR_END: borrow

        // ANCHOR: apply
        /// Apply one edit; an index out of range is an IndexError.
        fn apply(&mut self, py: Python<'_>, edit: PyRef<'_, Edit>) -> PyResult<()> {
            match &*edit {
                Edit::Remove { index } => {
                    let position = self.position(*index)?;
                    self.tracks.remove(position);
                }
                Edit::Move { source, target } => {
                    let (source, target) = (self.position(*source)?, self.position(*target)?);
                    let track = self.tracks.remove(source);
                    self.tracks.insert(target, track);
                }
                Edit::Rename { index, title } => {
                    let position = self.position(*index)?;
                    self.tracks[position].try_borrow_mut(py)?.title = title.clone();
                }
            }
            Ok(())
        }
        // ANCHOR_END: apply

        // ANCHOR: playlist-pickle
        /// Pickle as the call Playlist(tracks); each Track pickles itself.
        fn __reduce__<'py>(&self, py: Python<'py>) -> (Bound<'py, PyType>, (Vec<Py<Track>>,)) {
            let tracks = self.tracks.iter().map(|track| track.clone_ref(py));
            (py.get_type::<Playlist>(), (tracks.collect(),))
        }
        // ANCHOR_END: playlist-pickle
    }

    // ANCHOR: iterator
    /// Walks a playlist by position, so it sees tracks added meanwhile.
    #[pyclass]
    pub struct PlaylistIter {
        playlist: Option<Py<Playlist>>,
        next: usize,
    }

    #[pymethods]
    impl PlaylistIter {
        /// An iterator is iterable: it returns itself.
        fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
            slf
        }

        /// The next track, or None, which PyO3 turns into StopIteration.
        fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<Track>>> {
            let Some(playlist) = &self.playlist else {
                return Ok(None);
            };
            let track = playlist
                .try_borrow(py)?
                .tracks
                .get(self.next)
                .map(|track| track.clone_ref(py));
            match track {
                Some(_) => self.next += 1,
                // Once exhausted, stay exhausted, as the protocol requires.
                None => self.playlist = None,
            }
            Ok(track)
        }
    }
    // ANCHOR_END: iterator

    // ANCHOR: genre
    /// A closed set of names: a simple enum.
    #[pyclass(eq, hash, frozen)]
    #[derive(PartialEq, Hash)]
    pub enum Genre {
        Ambient,
        Jazz,
        Rock,
    }

    #[pymethods]
    impl Genre {
        /// The member with this name, in any case.
        #[staticmethod]
        fn from_name(name: &str) -> PyResult<Genre> {
            match name.to_ascii_lowercase().as_str() {
                "ambient" => Ok(Genre::Ambient),
                "jazz" => Ok(Genre::Jazz),
                "rock" => Ok(Genre::Rock),
                _ => Err(PyValueError::new_err(format!("no genre named '{name}'"))),
            }
        }
    }
    // ANCHOR_END: genre

    // ANCHOR: edit
    /// One change to a playlist: each variant carries its own fields.
    #[pyclass]
    pub enum Edit {
        Remove { index: isize },
        Move { source: isize, target: isize },
        Rename { index: isize, title: String },
    }

    #[pymethods]
    impl Edit {
        fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
            Ok(match self {
                Edit::Remove { index } => format!("Edit.Remove(index={index})"),
                Edit::Move { source, target } => {
                    format!("Edit.Move(source={source}, target={target})")
                }
                Edit::Rename { index, title } => {
                    let title = py_repr(py, title)?;
                    format!("Edit.Rename(index={index}, title={title})")
                }
            })
        }
    }
    // ANCHOR_END: edit

    // ANCHOR: effect
    /// An audio effect with a name; Gain extends it in Rust.
    #[pyclass(subclass)]
    pub struct Effect {
        name: String,
    }

    #[pymethods]
    impl Effect {
        #[new]
        fn new(name: String) -> PyResult<Self> {
            if name.is_empty() {
                return Err(PyValueError::new_err("an effect needs a name"));
            }
            Ok(Self { name })
        }

        #[getter]
        fn name(&self) -> &str {
            &self.name
        }

        fn describe(&self) -> String {
            self.name.clone()
        }
    }
    // ANCHOR_END: effect

    // ANCHOR: gain
    /// Scales the volume: a subclass of Effect, written in Rust.
    #[pyclass(extends = Effect)]
    pub struct Gain {
        #[pyo3(get)]
        factor: f64,
    }

    #[pymethods]
    impl Gain {
        #[new]
        #[pyo3(signature = (factor, name = "gain".to_owned()))]
        fn new(factor: f64, name: String) -> PyResult<PyClassInitializer<Self>> {
            if !(factor.is_finite() && factor >= 0.0) {
                return Err(PyValueError::new_err(format!("{factor} is not a gain")));
            }
            // The base's own constructor, with its own checks.
            let effect = Effect::new(name)?;
            Ok(PyClassInitializer::from(effect).add_subclass(Self { factor }))
        }

        /// Overrides Effect.describe, and calls it through `as_super`.
        fn describe(slf: PyRef<'_, Self>) -> String {
            format!("{} (x{})", slf.as_super().describe(), slf.factor)
        }
    }
    // ANCHOR_END: gain

    // ANCHOR: instrument
    /// A base for Python subclasses: `__init__` does the work, so a
    /// subclass may take other arguments and call `super().__init__`.
    #[pyclass(subclass)]
    pub struct Instrument {
        name: String,
    }

    #[pymethods]
    impl Instrument {
        /// Makes a blank instrument; accepts whatever the class was called with.
        #[new]
        #[pyo3(signature = (*_args, **_kwargs))]
        fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Self {
            Self {
                name: String::new(),
            }
        }

        /// Called after `__new__`, with the same arguments.
        fn __init__(&mut self, name: String) -> PyResult<()> {
            if name.is_empty() {
                return Err(PyValueError::new_err("an instrument needs a name"));
            }
            self.name = name;
            Ok(())
        }

        #[getter]
        fn name(&self) -> &str {
            &self.name
        }
    }
    // ANCHOR_END: instrument

    // ANCHOR: library
    /// How often each title was played: one lock, shared by threads.
    #[pyclass(frozen, mapping)]
    pub struct Library {
        plays: Mutex<BTreeMap<String, u64>>,
    }

    impl Library {
        /// Wait for the lock detached, so its holder can attach meanwhile.
        fn plays(&self, py: Python<'_>) -> PyResult<MutexGuard<'_, BTreeMap<String, u64>>> {
            self.plays
                .lock_py_attached(py)
                .map_err(|_| PyRuntimeError::new_err("the library is poisoned"))
        }
    }

    #[pymethods]
    impl Library {
        #[new]
        fn new() -> Self {
            Self {
                plays: Mutex::new(BTreeMap::new()),
            }
        }

        /// Add `titles` after a slow read (a sleep, here), holding the lock
        /// throughout: readers see all of them or none.
        fn load(&self, py: Python<'_>, titles: Vec<String>, seconds: f64) -> PyResult<()> {
            let delay = time::Duration::try_from_secs_f64(seconds)
                .map_err(|_| PyValueError::new_err(format!("cannot wait {seconds} seconds")))?;
            let mut plays = self.plays(py)?;
            py.detach(|| thread::sleep(delay));
            // Attached again, still holding the lock.
            for title in titles {
                plays.entry(title).or_insert(0);
            }
            Ok(())
        }

        /// True while a thread holds the lock.
        #[getter]
        fn busy(&self) -> bool {
            self.plays.try_lock().is_err()
        }

        fn titles(&self, py: Python<'_>) -> PyResult<Vec<String>> {
            Ok(self.plays(py)?.keys().cloned().collect())
        }

        /// Wrong: waits for the lock while attached.
        fn titles_attached(&self) -> PyResult<Vec<String>> {
            let plays = self
                .plays
                .lock()
                .map_err(|_| PyRuntimeError::new_err("the library is poisoned"))?;
            Ok(plays.keys().cloned().collect())
        }

        /// Count one play of a known title; return its new count.
        fn play(&self, py: Python<'_>, title: &str) -> PyResult<u64> {
            let mut plays = self.plays(py)?;
            let count = plays
                .get_mut(title)
                .ok_or_else(|| PyKeyError::new_err(title.to_owned()))?;
            *count += 1;
            Ok(*count)
        }

        fn __getitem__(&self, py: Python<'_>, title: &str) -> PyResult<u64> {
            let plays = self.plays(py)?;
            let count = plays.get(title).copied();
            count.ok_or_else(|| PyKeyError::new_err(title.to_owned()))
        }

        fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
            Ok(self.plays(py)?.len())
        }

        fn __contains__(&self, py: Python<'_>, title: &str) -> PyResult<bool> {
            Ok(self.plays(py)?.contains_key(title))
        }
    }
    // ANCHOR_END: library

    // ANCHOR: leaky-signal
    /// Wrong: keeps callbacks that the garbage collector cannot see.
    #[pyclass]
    pub struct LeakySignal {
        callbacks: Vec<Py<PyAny>>,
    }

    #[pymethods]
    impl LeakySignal {
        #[new]
        fn new() -> Self {
            Self {
                callbacks: Vec::new(),
            }
        }

        fn connect(&mut self, callback: Py<PyAny>) {
            self.callbacks.push(callback);
        }
    }
    // ANCHOR_END: leaky-signal

    // ANCHOR: signal
    /// Calls its callbacks on emit(), and shows them to the garbage collector.
    #[pyclass]
    pub struct Signal {
        callbacks: Vec<Py<PyAny>>,
    }

    #[pymethods]
    impl Signal {
        #[new]
        fn new() -> Self {
            Self {
                callbacks: Vec::new(),
            }
        }

        fn connect(&mut self, callback: Bound<'_, PyAny>) -> PyResult<()> {
            if !callback.is_callable() {
                let name = callback.get_type().name()?;
                let message = format!("'{name}' object is not callable");
                return Err(PyTypeError::new_err(message));
            }
            self.callbacks.push(callback.unbind());
            Ok(())
        }

        /// Call every callback with `args`, in the order they were connected.
        #[pyo3(signature = (*args))]
        fn emit(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>) -> PyResult<()> {
            let py = slf.py();
            // Copy the list and release the borrow: a callback may connect().
            let callbacks: Vec<Py<PyAny>> = slf
                .try_borrow()?
                .callbacks
                .iter()
                .map(|callback| callback.clone_ref(py))
                .collect();
            for callback in callbacks {
                callback.bind(py).call(args, None)?;
            }
            Ok(())
        }

        /// Report every Python object this instance holds.
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            for callback in &self.callbacks {
                visit.call(callback)?;
            }
            Ok(())
        }

        /// Drop them when the collector asks, to break a cycle.
        fn __clear__(&mut self) {
            self.callbacks.clear();
        }
    }
    // ANCHOR_END: signal
}
