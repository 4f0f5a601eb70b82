# The shell commands that docs/profiling.rst shows, typed in this folder with
# the virtual environment active.  Not a script to run whole: each region is
# one step of the page.  tests/test_profiling.py runs every step but the
# build against a build of the same profile, and checks what the page says
# about the output.

# ANCHOR: develop
maturin develop --profile profiling
# ANCHOR_END: develop

# ANCHOR: py-spy-python
py-spy record --rate 1000 --format raw --output python.txt -- python workload.py
python top_stacks.py python.txt
# ANCHOR_END: py-spy-python

# ANCHOR: py-spy-native
py-spy record --rate 1000 --native --nolineno --format raw --output native.txt -- python workload.py
python top_stacks.py native.txt
# ANCHOR_END: py-spy-native

# ANCHOR: perf
perf record --output perf.data -- python workload.py
perf report --input perf.data --stdio --fields overhead,dso,sym --percent-limit 2
# ANCHOR_END: perf

# ANCHOR: gdb
rust-gdb --batch \
    -ex "set print address off" \
    -ex "set print frame-arguments presence" \
    -ex "set breakpoint pending on" \
    -ex "break rust_panic" \
    -ex "run" \
    -ex "backtrace" \
    --args python -c "import _profiling_rs as spell; spell.closest_unchecked('teh', [])"
# ANCHOR_END: gdb
