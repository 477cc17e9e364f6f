"""Profile one `mkdocs build` with a sampling profiler and print where the time goes, as JSON.

    SEND_CONTENT=/tmp/content-50x/councils/example-council \
        python benchmarks/profile_build.py --project . --site /tmp/site

Run from bench.py in its own process, so the build's imports and caches start cold. pyinstrument
samples the call stack every millisecond. Time spent in the Python standard library is counted
against the code that called it (markdown's use of `re` is markdown's time), so each package's
share says which part of the build to make faster.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import sysconfig
from collections import Counter
from pathlib import Path

from pyinstrument import Profiler

STDLIB = (sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"])


def package_of(file_path: str | None, project: Path) -> str | None:
    """The package a frame's code belongs to, or None for the standard library and built-ins."""
    if not file_path or file_path.startswith("<"):
        return None
    path = Path(file_path)
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].removesuffix(".py")
    try:
        relative = path.resolve().relative_to(project.resolve())
    except ValueError:
        return None if file_path.startswith(STDLIB) else str(path.parent.name)
    return f"{relative.parts[0]}/ (ours)"


def attribute(root, project: Path) -> tuple[Counter, Counter]:
    """Seconds per package and per function, each sample counted against its innermost owner."""
    packages: Counter = Counter()
    functions: Counter = Counter()
    stack = [(root, "other", "(start)")]
    while stack:
        frame, owner_package, owner_function = stack.pop()
        package = package_of(frame.file_path, project)
        if package is not None and not frame.is_synthetic:
            owner_package = package
            owner_function = (
                f"{package.split('/')[0]}: {frame.function} ({Path(frame.file_path).name})"
            )
        children_time = sum(child.time for child in frame.children)
        own = max(frame.time - children_time, 0.0)
        packages[owner_package] += own
        functions[owner_function] += own
        stack.extend((child, owner_package, owner_function) for child in frame.children)
    return packages, functions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--site", type=Path, required=True)
    args = parser.parse_args(argv)
    os.chdir(args.project)
    sys.path.insert(0, str(args.project))

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    profiler = Profiler(interval=0.001)
    profiler.start()
    config = load_config(config_file=str(args.project / "mkdocs.yml"), site_dir=str(args.site))
    build(config)
    session = profiler.stop()
    packages, functions = attribute(session.root_frame(), args.project)
    total = session.duration
    print(
        json.dumps(
            {
                "seconds": total,
                "packages": packages.most_common(8),
                "functions": functions.most_common(10),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
