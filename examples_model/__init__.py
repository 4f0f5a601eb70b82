"""The model of the examples: what the workspace holds and which page shows what.

One home for each fact that the docs build, the build tools, the noxfile
and the tests need, in plain Python without Sphinx:

* ``crates``: the workspace members, binding and pure crates, a binding
  crate's module name and stub (maturin's rules), and which crate owns a path;
* ``regions``: the named regions of an example file;
* ``pages``: the one parser of the directives by which pages show examples;
* ``files``: the folders that are build output, and each file's language.

``python -m examples_model`` answers the noxfile's questions on the
command line.
"""
