"""Seeded mutation fuzzing of the example agreements: no input may make iop fail internally.

Each input is an example from ``agreements/`` with one to three mutations: byte
flips, deleted, duplicated and swapped lines, renamed keys, values of another
type (numbers, lists, mappings, dates, huge integers), odd Unicode (emoji, lone
surrogates, bidi and zero-width marks, NUL), anchors, aliases and merge keys,
explicit tags, very long strings, comments inside flow collections, truncation.
Every input is run through ``validate``, ``lint``, ``fmt`` and
``render --to html --draft``, in-process through the real click group. A
failure is an exception that escapes a command, an internal-error finding
(IOP001), a command that runs over the time limit, or a comment of the input
missing from what ``fmt`` wrote.

    python tests/faults/fuzz.py --count 10000 --seed 1     # the long run (make fuzz)
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "agreements").glob("*.yaml"))
COMMANDS = ("validate", "lint", "fmt", "render")
HANG_SECONDS = 10
LONG_SIZES = (300, 2000, 6000, 20000)
"""Lengths of the very long strings (the file limit is 256 kB)."""

Mutation = Callable[[random.Random, str], str]

_KEY_LINE = re.compile(r"^(?P<indent>[ ]*(?:- )?)(?P<key>[^\s#:\-\"'][^:#\n]*?):(?P<rest>(?: .*)?)$")
_VALUES = [
    "5",
    "-1",
    "0",
    "3.14",
    "1e400",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "true",
    "null",
    "~",
    "''",
    '""',
    "[]",
    "{}",
    "[1, 2]",
    "[a, [b, c]]",
    "{a: 1}",
    "{delmål: 5}",
    "[{a: 1}, 2]",
    "2025-02-30",
    "2025-01-01",
    "2024-02-29T10:00:00+01:00",
    "1999-99-99",
    "9" * 30,
    "9" * 4301,
    '"\\ud800"',
    '"a\\x00b"',
    '"\\U0001F600"',
    '"\\u202etext"',
    "'§ 12'",
    "&a x",
    "*a",
    "|\n  block",
    ">-\n  folded",
    "@x",
    "`x",
    "%x",
    "!x",
    "? complex\n  : key",
]
_TAGS = [
    "!!set",
    "!!omap",
    "!!pairs",
    "!!bool",
    "!!int",
    "!!float",
    "!!str",
    "!!null",
    "!!map",
    "!!seq",
    "!!timestamp",
    "!!binary",
    "!!merge",
    "!!value",
    "!!python/object:os.system",
    "!local",
    "!<tag:example.com,2000:x>",
]
_UNICODE = [
    "😀",
    "👩‍💻",
    "\U0001f1f8\U0001f1ea",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u0085",
    "e\u0301",
    "漢字",
    "ᚠᛇᚻ",
    "𝔘𝔫𝔦",
    "\u0000",
    "\x07",
    "\x1b[31m",
    "\ufffd",
    "\U0010ffff",
    "ǅ",
    "ﬁ",
    "\u00a0",
    "\t",
    "\r",
    "\\",
    '"',
    "'",
    "#",
    ": ",
    " #",
    "<script>",
    "{{x}}",
    "$",
    "`",
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick_key_line(rng: random.Random, lines: list[str]) -> tuple[int, re.Match[str]] | None:
    candidates = [(i, m) for i, line in enumerate(lines) if (m := _KEY_LINE.match(line))]
    return rng.choice(candidates) if candidates else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], i: int) -> int:
    """First line after line ``i`` that is not more indented (the end of its value)."""
    base = _indent(lines[i].replace("- ", "  ", 1))
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > base):
        j += 1
    return j


def flip_bytes(rng: random.Random, text: str) -> str:
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return data.decode("utf-8", "surrogateescape")


def delete_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    del lines[start : start + rng.choice((1, 1, 2, 5))]
    return "\n".join(lines)


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    chunk = lines[start : start + rng.choice((1, 1, 3))]
    at = rng.choice((start, rng.randrange(len(lines))))
    return "\n".join(lines[:at] + chunk + lines[at:])


def swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def rename_key(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = _pick_key_line(rng, lines)
    if found is None:
        return text
    i, m = found
    key = m["key"]
    keys = [k["key"] for line in lines if (k := _KEY_LINE.match(line))]
    new = rng.choice(
        [
            rng.choice(keys),
            key[:-1],
            key + "x",
            key.upper(),
            key.replace("å", "a").replace("ä", "a").replace("ö", "o"),
            "<<",
            "50000",
            "true",
            "null",
            "? " + key,
            "",
            key + " " + key,
        ]
    )
    lines[i] = f"{m['indent']}{new}:{m['rest']}"
    return "\n".join(lines)


def swap_type(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = _pick_key_line(rng, lines)
    if found is None:
        return text
    i, m = found
    value = rng.choice(_VALUES)
    indent = " " * (len(m["indent"]) + 2)
    value = value.replace("\n", "\n" + indent)
    end = _block_end(lines, i) if rng.random() < 0.7 else i + 1
    lines[i:end] = [f"{m['indent']}{m['key']}: {value}"]
    return "\n".join(lines)


def odd_unicode(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = _pick_key_line(rng, lines)
    if found is None or not m_rest(found[1]):
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(_UNICODE) + text[at:]
    i, m = found
    rest = m["rest"]
    at = rng.randrange(1, len(rest) + 1)
    lines[i] = f"{m['indent']}{m['key']}:{rest[:at]}{rng.choice(_UNICODE) * rng.choice((1, 1, 3))}{rest[at:]}"
    return "\n".join(lines)


def m_rest(m: re.Match[str]) -> str:
    return m["rest"].strip()


def anchors_and_merges(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = _pick_key_line(rng, lines)
    if found is None:
        return text
    i, m = found
    choice = rng.randrange(4)
    if choice == 0:  # anchor a value, alias it elsewhere
        lines[i] = f"{m['indent']}{m['key']}: &a{m['rest']}"
        other = _pick_key_line(rng, lines)
        if other is not None:
            j, n = other
            lines[j : _block_end(lines, j)] = [f"{n['indent']}{n['key']}: *a"]
    elif choice == 1:  # a merge key into a mapping
        indent = " " * _indent(lines[i].replace("- ", "  ", 1))
        lines.insert(0, "bas: &bas\n  extra: 1\n  syfte: x")
        lines.insert(i + 2, f"{indent}<<: *bas")
    elif choice == 2:  # a merge of a non-mapping or of several
        indent = " " * _indent(lines[i].replace("- ", "  ", 1))
        lines.insert(i + 1, f"{indent}<<: {rng.choice(['5', '[*x]', '[1, 2]', 'x', '{a: 1}'])}")
    else:  # an undefined or self alias
        lines[i] = f"{m['indent']}{m['key']}: {rng.choice(['*nope', '&s [*s]', '&t {a: *t}'])}"
    return "\n".join(lines)


def explicit_tag(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = _pick_key_line(rng, lines)
    if found is None:
        return text
    i, m = found
    lines[i] = f"{m['indent']}{m['key']}: {rng.choice(_TAGS)}{m['rest']}"
    return "\n".join(lines)


def long_string(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = _pick_key_line(rng, lines)
    if found is None:
        return text
    i, m = found
    size = rng.choice(LONG_SIZES)
    value = rng.choice(
        [
            "x" * size,
            "ersättning " * (size // 11),
            " ".join(
                rng.choice(["per", "deltagare", "kr", "timme", "ska", "leverera"]) for _ in range(size // 6)
            ),
            "🙂" * (size // 4),
        ]
    )
    lines[i : _block_end(lines, i)] = [f"{m['indent']}{m['key']}: {value}"]
    return "\n".join(lines)


def flow_comment(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = _pick_key_line(rng, lines)
    if found is None:
        return text
    i, m = found
    indent = " " * (len(m["indent"]) + 2)
    flow = rng.choice(
        [
            f"[a, # viktig kommentar\n{indent}b]",
            f"{{a: 1, # kommentar i samling\n{indent}b: 2}}",
            f"[ # först\n{indent}a,\n{indent}# mitt\n{indent}b ]",
        ]
    )
    lines[i : _block_end(lines, i)] = [f"{m['indent']}{m['key']}: {flow}"]
    return "\n".join(lines)


def add_comments(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines.insert(at, " " * rng.choice((0, 2, 4, 6)) + "# tillagd kommentar " + str(at))
        elif lines[at].strip() and "#" not in lines[at]:
            lines[at] += "  # sist på raden " + str(at)
    return "\n".join(lines)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def splice(rng: random.Random, text: str) -> str:
    other = _lines(EXAMPLES[rng.randrange(len(EXAMPLES))].read_text(encoding="utf-8"))
    start = rng.randrange(len(other))
    lines = _lines(text)
    at = rng.randrange(len(lines))
    return "\n".join(lines[:at] + other[start : start + rng.randint(1, 20)] + lines[at:])


MUTATIONS: tuple[Mutation, ...] = (
    flip_bytes,
    delete_lines,
    duplicate_lines,
    swap_lines,
    rename_key,
    swap_type,
    swap_type,
    odd_unicode,
    anchors_and_merges,
    explicit_tag,
    long_string,
    flow_comment,
    add_comments,
    truncate,
    splice,
)


def mutate(rng: random.Random, sources: list[str]) -> bytes:
    """One fuzzed input: an example with one to three mutations."""
    text = rng.choice(sources)
    for _ in range(rng.choice((1, 1, 2, 3))):
        text = rng.choice(MUTATIONS)(rng, text)
    return text.encode("utf-8", "surrogateescape") if rng.random() < 0.98 else text.encode("utf-8", "replace")


def inputs(seed: int, count: int) -> Iterator[bytes]:
    """``count`` fuzzed inputs, the same for the same seed."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    for _ in range(count):
        yield mutate(rng, sources)


# ---------------------------------------------------------------- running


class Hang(Exception):
    """A command ran over the time limit."""


@dataclass
class Failure:
    index: int
    command: str
    kind: str
    detail: str
    data: bytes = field(repr=False)


@dataclass
class Stats:
    inputs: int = 0
    runs: Counter[str] = field(default_factory=Counter)
    exits: Counter[tuple[str, int]] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    slowest: float = 0.0
    seconds: float = 0.0
    busy: Counter[str] = field(default_factory=Counter)
    """Seconds spent per command."""
    save: Path | None = None
    """Folder where each failing input is written as soon as it fails."""

    def record(self, failure: Failure) -> None:
        """Keep a failure, print it and save its input at once (a long run may be stopped)."""
        self.failures.append(failure)
        print(
            f"  #{failure.index} {failure.command} {failure.kind}: {failure.detail[:300]}",
            file=sys.stderr,
            flush=True,
        )
        if self.save is not None:
            self.save.mkdir(parents=True, exist_ok=True)
            (self.save / f"{failure.index}-{failure.command}.yaml").write_bytes(failure.data)

    def merge(self, other: Stats) -> None:
        self.inputs += other.inputs
        self.runs.update(other.runs)
        self.exits.update(other.exits)
        self.busy.update(other.busy)
        self.failures.extend(other.failures)
        self.slowest = max(self.slowest, other.slowest)


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"over {HANG_SECONDS} s")


def _comment_lines(text: str) -> list[str]:
    """Full-line comments (independent of iop's own comment finder), for the fmt property."""
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def run_one(index: int, data: bytes, work: Path, stats: Stats, *, render: bool = True) -> None:
    """Run every command on one input and record what went wrong."""
    from iop.cli import cli

    source = work / "fuzz.yaml"
    source.write_bytes(data)
    out = work / "out"
    runner = CliRunner()
    commands: list[tuple[str, list[str]]] = [
        ("validate", ["validate", str(source)]),
        ("lint", ["lint", "--no-cache", str(source)]),
        ("fmt", ["fmt", str(source)]),
    ]
    if render:
        commands.append(
            (
                "render",
                ["render", str(source), "--to", "html", "--draft", "--force", "-j", "1", "--out", str(out)],
            )
        )
    for name, args in commands:
        started = time.perf_counter()
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(HANG_SECONDS)
        try:
            result = runner.invoke(cli, args)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        took = time.perf_counter() - started
        stats.slowest = max(stats.slowest, took)
        stats.runs[name] += 1
        stats.busy[name] += took
        exc = result.exception
        code = result.exit_code if isinstance(exc, SystemExit) or exc is None else -1
        stats.exits[(name, code)] += 1
        if isinstance(exc, Hang) or took > HANG_SECONDS:
            stats.record(Failure(index, name, "hang", f"{took:.1f} s", data))
        elif exc is not None and not isinstance(exc, SystemExit):
            stats.record(Failure(index, name, "internal", f"{type(exc).__name__}: {exc}", data))
        elif "IOP001" in result.output or code not in (0, 1):
            stats.record(Failure(index, name, "internal", result.output[-500:], data))
        if name == "fmt" and code in (0, 1):
            after = source.read_bytes()
            if code == 1 and after != data:
                stats.record(Failure(index, name, "changed", "fmt failed but changed the file", data))
            before_text = data.decode("utf-8", "replace")
            after_text = after.decode("utf-8", "replace")
            missing = [c for c in _comment_lines(before_text) if c not in after_text]
            if missing:
                stats.record(Failure(index, name, "comment", missing[0], data))
            source.write_bytes(data)
    shutil.rmtree(out, ignore_errors=True)


def fuzz(
    seed: int,
    count: int,
    *,
    render: bool = True,
    progress: bool = False,
    part: tuple[int, int] = (0, 1),
    save: Path | None = None,
) -> Stats:
    """Run ``count`` inputs from ``seed`` through every command; the statistics of the run.

    ``part`` = (k, n) runs only the inputs whose index is k modulo n (one worker's share).
    """
    from iop import i18n

    stats = Stats(save=save)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="iop-fuzz-") as tmp:
        work = Path(tmp)
        for index, data in enumerate(inputs(seed, count)):
            if index % part[1] != part[0]:
                continue
            i18n.set_lang("sv" if index % 5 else "en")
            run_one(index, data, work, stats, render=render)
            stats.inputs += 1
            if progress and stats.inputs % 250 == 0:
                rate = stats.inputs / (time.perf_counter() - started)
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10  # peak, MB on Linux
                print(
                    f"[{part[0]}] {stats.inputs} inputs, {len(stats.failures)} failures, {rate:.1f}/s, {rss} MB",
                    file=sys.stderr,
                    flush=True,
                )
    i18n.set_lang("sv")
    stats.seconds = time.perf_counter() - started
    return stats


def _worker(job: tuple[int, int, bool, int, int, Path | None]) -> Stats:
    seed, count, render, k, n, save = job
    return fuzz(seed, count, render=render, progress=True, part=(k, n), save=save)


def main(argv: list[str] | None = None) -> int:
    global LONG_SIZES
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-render", action="store_true", help="skip render --to html --draft")
    parser.add_argument("--save", type=Path, default=None, help="folder for the failing inputs")
    parser.add_argument("--workers", type=int, default=1, help="processes (each takes every n-th input)")
    parser.add_argument("--long-max", type=int, default=max(LONG_SIZES), help="cap on the very long strings")
    args = parser.parse_args(argv)
    LONG_SIZES = tuple(min(size, args.long_max) for size in LONG_SIZES)
    started = time.perf_counter()
    if args.workers > 1:
        from multiprocessing import get_context

        jobs = [
            (args.seed, args.count, not args.no_render, k, args.workers, args.save)
            for k in range(args.workers)
        ]
        with get_context("fork").Pool(args.workers) as pool:
            parts = pool.map(_worker, jobs)
        stats = Stats()
        for part in parts:
            stats.merge(part)
    else:
        stats = fuzz(args.seed, args.count, render=not args.no_render, progress=True, save=args.save)
    stats.seconds = time.perf_counter() - started
    print(
        f"seed {args.seed}: {stats.inputs} inputs in {stats.seconds:.0f} s ({stats.inputs / stats.seconds:.1f}/s), {args.workers} worker(s)"
    )
    print(
        "runs: "
        + ", ".join(f"{name} {n} ({stats.busy[name]:.0f} s)" for name, n in sorted(stats.runs.items()))
    )
    for name in COMMANDS:
        codes = {code: n for (cmd, code), n in sorted(stats.exits.items()) if cmd == name}
        print(f"  {name}: exit codes {codes}")
    kinds = Counter(f.kind for f in stats.failures)
    print(f"failures: {len(stats.failures)} {dict(kinds)}; slowest command {stats.slowest:.2f} s")
    seen: set[tuple[str, str]] = set()
    for failure in stats.failures:
        key = (failure.command, failure.detail[:80])
        if key in seen:
            continue
        seen.add(key)
        print(f"  #{failure.index} {failure.command} {failure.kind}: {failure.detail[:300]}")
    return 1 if stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
