"""What a build holds when Pagefind starts: the memory its sites' builds freed is given back
to the system, not kept by C's allocator for reuse."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.web.sources import PROJECT

# Freed small blocks below one still in use: C's allocator keeps them, as it keeps what
# the builds of the sites freed (their records, pages and analyses).
HELD_AND_FREED = """
from generator.web.build import release_memory

def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) // 1024 for l in status if l.startswith("VmRSS"))

blocks = [bytes(2000) + bytes([i % 256]) for i in range(100_000)]
in_use = [bytes(2000) for _ in range(10)]
del blocks
before = rss_mb()
release_memory()
print(before, rss_mb())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc")
def test_memory_freed_by_the_builds_goes_back_to_the_system() -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELD_AND_FREED],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, after = (int(figure) for figure in done.stdout.split())
    assert before - after >= 150, (before, after)  # 200 MB were freed
