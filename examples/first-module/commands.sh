# The shell commands that docs/first-module.rst shows, in the order a reader
# types them.  Not a script to run whole: each region is one step of the
# page.  The project's tests/test_first_module_standalone.py runs the steps
# that need no download, in an empty folder, and says why it skips the rest.

# ANCHOR: venv
python3 -m venv .venv
source .venv/bin/activate
# ANCHOR_END: venv

# ANCHOR: install-maturin
python -m pip install maturin
# ANCHOR_END: install-maturin

# ANCHOR: new
maturin new --bindings pyo3 first-module
cd first-module
# ANCHOR_END: new

# ANCHOR: develop
maturin develop
# ANCHOR_END: develop

# ANCHOR: release
maturin develop --release
# ANCHOR_END: release

# ANCHOR: pip-install
pip install .
# ANCHOR_END: pip-install

# ANCHOR: pip-install-editable
pip install -e .
# ANCHOR_END: pip-install-editable
