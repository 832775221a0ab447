#!/usr/bin/env python3
"""What each dependency adds to the guest's core module, for BENCHMARKS.md.

    python3 scripts/guest-size.py [--wasm FILE]

Builds the guest (`action/`) the way host/build.rs does (wasm32-unknown-
unknown, profile wasm-release) but keeps the name section, into
target/guest-size, so that twiggy can name every function; then groups
twiggy's functions by the crate they come from and prints bytes per area,
the sections, and the linear memory the module declares. With --wasm it
profiles that file instead (it needs a name section).

Needs twiggy (`cargo install twiggy --locked`); only for measuring: no build,
test or CI step runs this script.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_DIR = os.path.join(ROOT, "target", "guest-size")
CORE = os.path.join(
    TARGET_DIR, "wasm32-unknown-unknown", "wasm-release", "connectors_update_action.wasm"
)

# First match wins: a generic instantiated for another crate's type is
# counted where the more specific crate says (`<&mut serde_json::de::
# Deserializer<R> as serde_core::de::Deserializer>` is serde_json's).
AREAS = [
    ("url: IDNA + Unicode tables' code (idna, icu_*, zerovec)",
     r"\bidna|icu_|zerovec|zerotrie|yoke|potential_utf|utf8_iter|utf16_iter|smallvec|tinystr|writeable|zerofrom|litemap"),
    ("url: parser (url, form_urlencoded, percent_encoding)",
     r"\burl::|form_urlencoded|percent_encoding|connectors_update_action::url_format"),
    ("time (RFC 3339 parsing)", r"\btime::|\bderanged|\bpowerfmt|\bnum_conv|time_core"),
    ("json-patch (jsonptr)", r"json_patch|jsonptr"),
    ("serde_json (+ indexmap, hashbrown, zmij, itoa, memchr)",
     r"serde_json|\bindexmap|hashbrown|foldhash|\bzmij|\bitoa|\bmemchr|\bryu"),
    ("serde (derives, serde_core)", r"\bserde_core|\bserde::|\bserde_derive"),
    ("wit-bindgen glue + bindings.rs (lifting, lowering)",
     r"wit_bindgen|^cabi_|#|connectors_update_action::bindings|^workflow:"),
    ("the action's own code", r"connectors_update_action|connectors_update_model"),
    ("float formatting and parsing (core::num)", r"flt2dec|dec2flt|core::num|\bf64\b|\bf32\b"),
    ("core::fmt, panics, str and slice errors",
     r"core::fmt|core::panicking|std::panicking|panic|slice_error|core::str|core::slice|core::result::unwrap_failed|core::option"),
    ("allocator (talc; dlmalloc before) and alloc", r"\btalc|dlmalloc|\balloc::|__rust_|__rdl|__rg_"),
    ("std and compiler builtins", r"\bstd::|compiler_builtins|memcpy|memset|memmove|memcmp|\bcore::"),
]


def fail(message):
    sys.stderr.write(f"guest-size: {message}\n")
    sys.exit(1)


def build():
    env = dict(os.environ)
    for var in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_TARGET_DIR", "CARGO_BUILD_TARGET"):
        env.pop(var, None)
    # The product's profile strips symbols; twiggy needs the function names.
    env["CARGO_PROFILE_WASM_RELEASE_STRIP"] = "debuginfo"
    subprocess.run(
        ["cargo", "build", "--quiet", "--package", "connectors-update-action",
         "--target", "wasm32-unknown-unknown", "--profile", "wasm-release",
         "--target-dir", TARGET_DIR],
        cwd=ROOT, env=env, check=True,
    )
    return CORE


def leb(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sleb(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if byte & 0x40:
                value -= 1 << shift
            return value, i


SECTION_NAMES = {1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
                 6: "global", 7: "export", 8: "start", 9: "element", 10: "code",
                 11: "data", 12: "datacount"}


def sections(path):
    """(name, size) per section, plus the memory's initial pages, the stack
    pointer's start (= the stack size: the stack sits below the data) and the
    data segments' total."""
    data = open(path, "rb").read()
    if data[:4] != b"\0asm":
        fail(f"{path} is not a core wasm module")
    out, memory, stack, data_bytes = [], None, None, 0
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        start = i
        name = SECTION_NAMES.get(sid, str(sid))
        if sid == 0:
            length, j = leb(data, i)
            name = "custom " + data[j:j + length].decode()
        elif sid == 5:
            _, j = leb(data, i)
            flags = data[j]
            memory, j = leb(data, j + 1)
        elif sid == 6:
            count, j = leb(data, i)
            if count:
                j += 2  # type, mutability of the first global, __stack_pointer
                if data[j] == 0x41:
                    stack, _ = sleb(data, j + 1)
        elif sid == 11:
            count, j = leb(data, i)
            for _ in range(count):
                flags, j = leb(data, j)
                if flags == 0:
                    j += 1
                    _, j = sleb(data, j)
                    j += 1
                elif flags == 2:
                    _, j = leb(data, j)
                    j += 1
                    _, j = sleb(data, j)
                    j += 1
                length, j = leb(data, j)
                data_bytes += length
                j += length
        out.append((name, size))
        i = start + size
    return len(data), out, memory, stack, data_bytes


def main():
    args = sys.argv[1:]
    if shutil.which("twiggy") is None:
        fail("twiggy is not installed: run `cargo install twiggy --locked` (it is only for measuring)")
    if args[:1] == ["--wasm"] and len(args) == 2:
        wasm = args[1]
    elif not args:
        wasm = build()
    else:
        fail("usage: python3 scripts/guest-size.py [--wasm FILE]")

    total, secs, pages, stack, data_bytes = sections(wasm)
    top = subprocess.run(["twiggy", "top", "-f", "csv", wasm],
                         check=True, capture_output=True, text=True).stdout
    shares = {name: 0 for name, _ in AREAS}
    other, rows = 0, []
    for row in csv.DictReader(io.StringIO(top)):
        name = re.sub(r"\[[0-9a-f]{16}\]", "", row["Name"])
        size = int(row["ShallowSize"])
        if name.startswith("data segment") or "subsection" in name or name.startswith("custom section"):
            continue  # counted from the sections below
        for area, pattern in AREAS:
            if re.search(pattern, name):
                shares[area] += size
                break
        else:
            other += size
            rows.append((size, name))

    code = dict(secs).get("code", 0)
    print(f"core module: {total} bytes")
    print("\nsections:")
    for name, size in secs:
        print(f"  {size:8}  {name}")
    print("\ncode by area (twiggy's function bodies, grouped by crate):")
    for area, size in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"  {size:8}  {area}")
    print(f"  {other:8}  other (unnamed or unmatched)")
    print(f"  {code:8}  code section in all")
    print("\nlinear memory:")
    if pages is not None:
        print(f"  initial {pages} pages = {pages * 64} KiB")
    if stack is not None:
        print(f"  stack {stack} bytes = {stack // 1024} KiB (the stack pointer's start)")
    print(f"  data segments {data_bytes} bytes")
    if rows and os.environ.get("GUEST_SIZE_SHOW_OTHER"):
        print("\nlargest unmatched:")
        for size, name in sorted(rows, reverse=True)[:30]:
            print(f"  {size:8}  {name}")


if __name__ == "__main__":
    main()
