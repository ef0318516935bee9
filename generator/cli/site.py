"""`makelocal build` and `makelocal serve`: the site, built once or served while editing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_build_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser("build", help="build the site (MkDocs, then the search index)")
    build.add_argument("--site-dir", help="where to write it (default: site/ in the repository)")
    build.set_defaults(run=run_build)


def add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser("serve", help="serve the site, rebuilding when records change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port to serve on")
    serve.set_defaults(run=run_serve)


def run_build(args: argparse.Namespace) -> int:
    import time

    from generator.reporters.progress import progress_on
    from generator.web.build import BuildError, build_site

    started = time.perf_counter()
    site_dir = Path(args.site_dir) if args.site_dir else Path(args.root) / "site"
    try:
        pages = build_site(Path(args.root), site_dir, progress=progress_on(sys.stderr))
    except BuildError as error:
        print(f"makelocal build: {error}", file=sys.stderr)
        return 1
    print(f"Built {pages} pages in {site_dir} in {time.perf_counter() - started:.1f} s")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from generator.web.build import serve

    try:
        serve(Path(args.root), args.dev_addr)
    except (OSError, OverflowError) as error:  # binding the address: port taken or invalid
        print(
            f"makelocal serve: cannot serve on {args.dev_addr}: "
            f"{getattr(error, 'strerror', None) or error}; stop the program using it (another "
            "makelocal serve?) or give another address, such as --dev-addr 127.0.0.1:8001",
            file=sys.stderr,
        )
        return 2
    return 0
