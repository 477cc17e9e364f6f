"""Build the site atomically: into a new folder first, then swap it in place of site/.

If the build fails (a content error, a broken link in strict mode), site/ is left exactly as it
was, so a published copy is never replaced by half a site.

    python -m macros.build [--site-dir site] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_site(config_file: Path, site_dir: Path) -> int:
    """Run ``mkdocs build --strict`` into a temporary folder, then replace site_dir with it."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    new_site = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(new_site),
    ]
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        shutil.rmtree(new_site, ignore_errors=True)
        print(
            f"\nThe site was not built. {site_dir.name}/ has not been changed.\n"
            "Fix the problems listed above, then run the build again.",
            file=sys.stderr,
        )
        return result.returncode
    replace_site(new_site, site_dir)
    print(f"The site is in {site_dir}/")
    return 0


def replace_site(new_site: Path, site_dir: Path) -> None:
    """Put a finished build in place of site_dir: two renames in the same folder, so the site
    is whole at every moment but the instant between them; then remove the old one."""
    previous = site_dir.with_name(f".site-previous-{new_site.name}")
    if site_dir.exists():
        site_dir.rename(previous)
    new_site.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    return build_site(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
