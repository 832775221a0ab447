#!/usr/bin/env python3
"""Checks that every relative link in the documentation resolves: the file or folder
it names exists inside the repository, and a `#anchor` names a heading of the target
page (by GitHub's slug of the heading's text). Links with a scheme (https:, mailto:)
are not followed: this needs no network.

    python3 scripts/check-links.py            # the documentation below
    python3 scripts/check-links.py FILE...    # other Markdown files

Exits 1 listing each broken link as FILE:LINE: TARGET: why, and 0 when all resolve.
Links inside code (fenced blocks and `spans`) are text, not links, and are skipped.
"""
import glob
import os
import re
import sys
import unicodedata
from urllib.parse import unquote

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCUMENTATION = [
    "README.md",
    "docs/*.md",
    "CHANGELOG.md",
    "ARCHITECTURE.md",
    "js/README.md",
    "py/README.md",
    "integrations/*/README.md",
    "model/README.md",
    "action/README.md",
    "host/README.md",
    "sql/README.md",
    "cli/README.md",
]

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# [text](target "title"), ![alt](target); the text may hold one level of brackets
# and run over lines, as a wrapped paragraph does.
INLINE = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.M)
HTML = re.compile(r"<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*[\"']([^\"']*)[\"']", re.I)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def without_fences(text: str) -> str:
    """The text with fenced code blocks blanked (newlines kept, so that offsets
    still give line numbers)."""
    out, fence = [], None
    for line in text.split("\n"):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            out.append(" " * len(line))
        elif opened:
            fence = opened.group(1)
            out.append(" " * len(line))
        else:
            out.append(line)
    return "\n".join(out)


def without_code(text: str) -> str:
    """The text with fenced blocks and code spans blanked."""
    return re.sub(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", lambda m: " " * len(m.group(0)), without_fences(text), flags=re.S)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its rendered text, lower-cased, without
    punctuation, spaces made hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link shows its text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML shows nothing of its tags
    text = text.replace("`", "")
    text = re.sub(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1", r"\2", text)  # emphasis
    text = re.sub(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)", r"\2", text)  # not inside a word
    text = text.strip().lower()
    kept = []
    for ch in text:
        if ch in " -_" or unicodedata.category(ch)[0] in "LNM":
            kept.append("-" if ch == " " else ch)
    return "".join(kept)


def anchors(path: str, cache: dict) -> set:
    if path not in cache:
        found, seen = set(), {}
        text = without_fences(open(path, encoding="utf-8").read())
        for line in text.split("\n"):
            match = re.match(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
            if match:
                base = slug(match.group(2))
                count = seen.get(base, 0)
                seen[base] = count + 1
                found.add(base if count == 0 else f"{base}-{count}")
        for match in re.finditer(r"<a\s[^>]*\b(?:name|id)\s*=\s*[\"']([^\"']+)[\"']", text, re.I):
            found.add(match.group(1))
        cache[path] = found
    return cache[path]


def links(text: str):
    """(offset, target) of every link in `text`, code already blanked."""
    for match in INLINE.finditer(text):
        yield match.start(1), match.group(1)
    for match in DEFINITION.finditer(text):
        yield match.start(1), match.group(1)
    for match in HTML.finditer(text):
        yield match.start(1), match.group(1)


def check(path: str, cache: dict) -> list:
    broken = []
    raw = open(path, encoding="utf-8").read()
    text = without_code(raw)
    here = os.path.dirname(os.path.abspath(path))
    for offset, target in links(text):
        line = text.count("\n", 0, offset) + 1
        target = target.strip("<>")
        where = f"{os.path.relpath(path, ROOT)}:{line}: {target}"
        if not target:
            broken.append(f"{where}: an empty link")
            continue
        if SCHEME.match(target) or target.startswith("//"):
            continue
        file_part, _, anchor = target.partition("#")
        file_part = unquote(file_part.split("?", 1)[0])
        if file_part.startswith("/"):
            resolved = os.path.normpath(os.path.join(ROOT, file_part.lstrip("/")))
        else:
            resolved = os.path.normpath(os.path.join(here, file_part)) if file_part else os.path.abspath(path)
        if os.path.relpath(resolved, ROOT).startswith(".."):
            broken.append(f"{where}: leads outside the repository")
            continue
        if not os.path.exists(resolved):
            broken.append(f"{where}: no such file or folder ({os.path.relpath(resolved, ROOT)})")
            continue
        if anchor and resolved.endswith(".md") and os.path.isfile(resolved):
            if unquote(anchor) not in anchors(resolved, cache):
                broken.append(f"{where}: no heading with the anchor #{anchor} in {os.path.relpath(resolved, ROOT)}")
    return broken


def main(argv: list) -> int:
    if argv:
        files = argv
    else:
        files = sorted({f for pattern in DOCUMENTATION for f in glob.glob(os.path.join(ROOT, pattern))})
    missing = [f for f in files if not os.path.isfile(f)]
    if missing:
        print("check-links: no such file: " + ", ".join(missing), file=sys.stderr)
        return 2
    cache, broken, count = {}, [], 0
    for path in files:
        found = check(path, cache)
        count += sum(1 for _ in links(without_code(open(path, encoding="utf-8").read())))
        broken.extend(found)
    for line in broken:
        print(line)
    print(f"check-links: {len(files)} files, {count} links, {len(broken)} broken", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
