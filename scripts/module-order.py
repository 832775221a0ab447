#!/usr/bin/env python3
"""Checks that inside each crate modules import only from below: no module
imports a module that imports it back, in any number of steps.

    python3 scripts/module-order.py [SRC_DIR ...]

Without arguments it checks every workspace crate's src/ folder. It prints
each circle it finds and exits 1 when there is one, so CI (.ci/run) fails.

An import is a `use` of, or a `crate::`/`super::` path to, another module of
the same crate. One kind of edge is not counted: a child module's use of its
direct parent (`super::CredentialStore` in store/memory.rs). A parent holds
what its children share and declares them (`mod memory;`, `pub use
memory::MemoryStore`): it sits above them as a facade and below them as
their vocabulary, and only that pair may point both ways. Everything else
(siblings, cousins, a grandchild and its grandparent) must go one way.
Test modules (`#[cfg(test)] mod tests { ... }` at the end of a file) are
left out: a test may use anything.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def crate_sources():
    """Every workspace member's src/ folder, in the workspace's order."""
    text = open(os.path.join(ROOT, "Cargo.toml")).read()
    members = re.search(r"members\s*=\s*\[([^\]]*)\]", text)
    names = re.findall(r'"([^"]+)"', members.group(1)) if members else []
    return [os.path.join(ROOT, m, "src") for m in names if os.path.isdir(os.path.join(ROOT, m, "src"))]


def module_path(root, path):
    """The module a file holds: ('store', 'sql') for store/sql/mod.rs."""
    parts = os.path.relpath(path, root)[:-3].split(os.sep)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def source_without_tests(path):
    text = open(path).read()
    text = re.sub(r"(?s)#\[cfg\(test\)\]\s*mod tests \{.*", "", text)
    return "\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))


def references(text):
    refs = set()
    for u in re.finditer(r"use\s+((?:crate|super|self|\w+)(?:::\w+)*)(?:::\{([^;]*)\})?", text):
        base = u.group(1)
        if u.group(2):
            for item in re.findall(r"(\w+(?:::\w+)*)", u.group(2)):
                refs.add(base + "::" + item)
        refs.add(base)
    for u in re.finditer(r"\b((?:crate|super)(?:::\w+)+)", text):
        refs.add(u.group(1))
    return refs


def resolve(mods, cur, path):
    """The deepest module of this crate that `path`, written in `cur`, names."""
    parts = path.split("::")
    if parts[0] == "crate":
        base, parts = (), parts[1:]
    elif parts[0] == "super":
        base, parts = cur[:-1], parts[1:]
        while parts and parts[0] == "super":
            base, parts = base[:-1], parts[1:]
    elif parts[0] == "self":
        base, parts = cur, parts[1:]
    else:
        base = cur
        if not parts or base + (parts[0],) not in mods:
            return None
    best = None
    for i in range(len(parts) + 1):
        if base + tuple(parts[:i]) in mods:
            best = base + tuple(parts[:i])
    return best


def edges_of(root):
    files = {module_path(root, p): p for p in glob.glob(root + "/**/*.rs", recursive=True)}
    mods = set(files)
    edges = {}
    for m, p in files.items():
        for r in references(source_without_tests(p)):
            t = resolve(mods, m, r)
            if t is None or t == m:
                continue
            if t == m[:-1]:  # a child's use of its direct parent
                continue
            edges.setdefault(m, set()).add(t)
    return mods, edges


def circles(edges):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found, n = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def name(m):
    return "::".join(m) or "crate"


def main(roots):
    failed = False
    for root in roots:
        mods, edges = edges_of(root)
        found = circles(edges)
        shown = os.path.relpath(root, ROOT) if root.startswith(ROOT) else root
        print(f"{shown}: {len(mods)} modules, {len(found)} circle(s)")
        for comp in found:
            failed = True
            inside = set(comp)
            print("    circle:", " / ".join(name(m) for m in comp))
            for a in comp:
                for b in sorted(edges.get(a, ()) & inside):
                    print(f"        {name(a)} imports {name(b)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or crate_sources()))
