#!/usr/bin/env python3
"""Where the wasm's code bytes are: the size of every function body, summed by crate (and, for
this crate, by module), from a wasm that kept its `name` section.

Figures, not a test. `scripts/size-report.sh --by-crate` builds such a wasm (the release build,
through wasm-bindgen and `wasm-opt -Oz` as Trunk runs them, with `-g` so that names survive) and
runs this on it; or by hand: `python3 scripts/size-breakdown.py some.wasm [top-N functions]`.

Sizes are raw bytes of code (the code section's function bodies), before gzip; the data section
(strings, tables) is printed apart. Rust symbol names are demangled by binutils' `c++filt`.
Generic functions are counted under the crate that defines them: the view code of every Yew
component (what `html!` expands to) is inlined into Yew's `CompStateInner<COMP>::view`, whose
name does not say which component, and is reported as its own line.
"""
import collections
import re
import subprocess
import sys


def leb(b, i):
    """An unsigned LEB128 at `i`: (value, next index)."""
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(data):
    """(id, offset, size) of each section."""
    if data[:4] != b"\0asm":
        sys.exit("not a wasm module")
    i, out = 8, []
    while i < len(data):
        sid = data[i]
        n, i = leb(data, i + 1)
        out.append((sid, i, n))
        i += n
    return out


def parse(data):
    """Function bodies as (function index, size), the function names, and the data section's size."""
    imports, bodies, names, data_size = 0, [], {}, 0
    for sid, off, n in sections(data):
        b = data[off:off + n]
        if sid == 2:  # imports: functions among them come first in the index space
            count, j = leb(b, 0)
            for _ in range(count):
                for _ in range(2):  # module and field names
                    ln, j = leb(b, j)
                    j += ln
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imports += 1
                elif kind == 1:  # table: element type, limits
                    flags, j = leb(b, j + 1)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:  # memory: limits
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:  # global: type, mutability
                    j += 2
        elif sid == 10:
            count, j = leb(b, 0)
            for k in range(count):
                size, body = leb(b, j)
                bodies.append((imports + k, body - j + size))
                j = body + size
        elif sid == 11:
            data_size = n
        elif sid == 0:
            ln, j = leb(b, 0)
            if b[j:j + ln] != b"name":
                continue
            j += ln
            while j < len(b):
                sub = b[j]
                size, j = leb(b, j + 1)
                if sub == 1:  # function names
                    count, k = leb(b, j)
                    for _ in range(count):
                        idx, k = leb(b, k)
                        ln, k = leb(b, k)
                        names[idx] = b[k:k + ln].decode("utf-8", "replace")
                        k += ln
                j += size
    return bodies, names, data_size


CRATE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::")


def group(name):
    """The line a function is counted on."""
    if "CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view" in name:
        return "components' view code (html!, inlined into Yew)"
    if name.startswith("__wbindgen") or name.startswith("__wbg"):
        return "wasm-bindgen glue"
    if name.startswith(("core::", "<core::", "alloc::", "<alloc::")) and "guizhou_map" in name:
        # Generic code of the standard library made for this crate's types: iterator adaptors
        # running its closures, drop glue, sorts.
        return "core, alloc: generics made for guizhou_map's types"
    m = CRATE.search(name)
    if not m:
        return "(unnamed: runtime, compiler builtins)"
    crate = m.group(1)
    if crate == "guizhou_map":
        # This crate by module (core::ingest, view::map, …).
        module, sub = re.search(r"guizhou_map::([a-z_]+)(?:::([a-z_]+))?", name).groups()
        return f"guizhou_map::{module}::{sub}" if module in ("core", "view", "charts") and sub else f"guizhou_map::{module}"
    return crate


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    data = open(sys.argv[1], "rb").read()
    bodies, names, data_size = parse(data)
    raw = [names.get(i, "?") for i, _ in bodies]
    demangled = subprocess.run(["c++filt"], input="\n".join(raw), capture_output=True, text=True, check=True).stdout.split("\n")
    total = sum(s for _, s in bodies)
    by, count = collections.Counter(), collections.Counter()
    for (_, size), name in zip(bodies, demangled):
        g = group(name)
        by[g] += size
        count[g] += 1
    print(f"code: {total} bytes in {len(bodies)} functions; data section: {data_size} bytes")
    print(f"{'bytes':>9} {'share':>6} {'fns':>5}  where")
    shown = 0
    for g, size in by.most_common():
        if size < total * 0.004 and shown >= 20:
            break
        print(f"{size:9d} {100 * size / total:5.1f}% {count[g]:5d}  {g}")
        shown += 1
    rest = total - sum(s for g, s in by.most_common(shown))
    if rest:
        print(f"{rest:9d} {100 * rest / total:5.1f}%        everything else")
    if len(sys.argv) > 2:
        print()
        top = sorted(zip(bodies, demangled), key=lambda x: -x[0][1])[: int(sys.argv[2])]
        for (_, size), name in top:
            print(f"{size:9d}  {name[:150]}")


if __name__ == "__main__":
    main()
