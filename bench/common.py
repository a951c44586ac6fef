"""What every benchmark script shares: flags, rows, the printed table, the JSON file, the machine.

Scripts run as ``python bench/<name>.py``, so this module is imported as ``common`` (the
script's folder is first on ``sys.path``). The JSON layout follows shared/bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

from assistant.progress import bar

T = TypeVar("T")


def watch(items: Sequence[T], label: str) -> Iterator[T]:
    """``items`` one by one, with a progress bar while a person watches the terminal; quiet
    when the output goes to a file or a pipe. One bar at a time: watch one loop of a run."""
    with bar(label, len(items)) as progress:
        for item in items:
            yield item
            progress.tick()


@dataclass
class Row:
    """One measured number: which method, on which slice, which metric."""

    method: str
    slice: str
    metric: str
    value: float


def parser(description: str, methods: Sequence[str],
           aliases: dict[str, str] | None = None) -> argparse.ArgumentParser:
    """The flags every benchmark takes: ``--out``, ``--methods``, ``--limit [N]``."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--out", type=Path, help="write the rows as JSON to this file")
    also = f"; also {', '.join(sorted(aliases))}" if aliases else ""
    p.add_argument("--methods", default=",".join(methods),
                   help=f"comma-separated subset of: {', '.join(methods)}{also} (default: all)")
    p.add_argument("--limit", type=int, nargs="?", const=0, metavar="N",
                   help="quick run on a subset (each script says of what; bare: its default)")
    return p



def pick_methods(text: str, known: Sequence[str],
                 aliases: dict[str, str] | None = None) -> list[str]:
    """The methods named in ``text`` (in ``known`` order); unknown names stop the run."""
    aliases = aliases or {}
    wanted = {aliases.get(w.strip(), w.strip()) for w in text.split(",") if w.strip()}
    unknown = wanted - set(known)
    if unknown:
        raise SystemExit(f"unknown method(s): {', '.join(sorted(unknown))}; "
                         f"choose from {', '.join(known)}")
    return [m for m in known if m in wanted]


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100), linear between the closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def machine(packages: Iterable[str] = ()) -> str:
    """One line: CPU model and count, memory, OS, Python, and the versions of ``packages``."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    parts = [f"{cpu} x{os.cpu_count()}"]
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        parts.append(f"{pages * size / 2**30:.0f} GiB RAM")
    except (ValueError, OSError, AttributeError):
        pass
    parts.append(f"{platform.system()} {platform.release()}")
    parts.append(f"Python {platform.python_version()}")
    for name in packages:
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} (not installed)")
    return "; ".join(parts)


def fmt(value: float) -> str:
    """A number as a person reads it in a table."""
    if math.isnan(value):
        return "n/a"
    if float(value).is_integer() and abs(value) < 10_000:
        return str(int(value))
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 10 else f"{value:.3f}"


def table(rows: Sequence[Row]) -> str:
    """The rows as an aligned plain-text (and Markdown-compatible) table."""
    header = ("method", "slice", "metric", "value")
    body = [(r.method, r.slice, r.metric, fmt(r.value)) for r in rows]
    widths = [max(len(str(line[i])) for line in (header, *body)) for i in range(4)]

    def line(cells: Sequence[str]) -> str:
        padded = [c.ljust(w) if i < 3 else c.rjust(w)
                  for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) if i < 3 else "-" * (w + 1) + ":"
                          for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(b) for b in body)])


def write_json(path: Path, *, benchmark: str, data: str, machine: str, started: str,
               rows: Sequence[Row]) -> None:
    """Write the run in the shared layout (NaN values become ``null``)."""
    def clean(row: Row) -> dict[str, object]:
        out = asdict(row)
        if isinstance(row.value, float) and math.isnan(row.value):
            out["value"] = None
        return out

    payload = {"benchmark": benchmark, "data": data, "machine": machine, "started": started,
               "rows": [clean(r) for r in rows]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
