"""What a build refuses to publish, checked again at every build so that a build never
relies on validation having run: addresses outside the site folder, files from outside the
records' folders or through a link, and contributed files of a type, or with a content, the
validator refuses (generator.records.content).

A contributed file that passed at the last build of the same code is not read again while
its stat is the same: its size, its time of change, its inode and the time its inode last
changed, which no user can set back (as git's index trusts a file). Reading the start of
each of 40,000 files took about a second of a 10,000-design rebuild. A file changed less
than RACY_S before it was checked may change again unseen within its clock's tick: it is
read again at the next build.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

from generator.records.catalog import LinkedFolders
from generator.records.content import content_problem
from generator.records.file_hashes import settled_stamp
from generator.web.derived import CACHE_FOLDER
from generator.web.site import Site


def publishing_problems(
    root: Path, site: Site, passed_before: Mapping[str, str], passed: dict[str, str]
) -> list[str]:
    """What the rendered site would publish that it must not. `passed_before` holds the
    stat of each contributed file that passed at the last build (by its absolute path);
    `passed` is given this build's."""
    problems = [
        f"{target!r} is not an address inside the site"
        for target in [
            *(page.path for page in site.pages),
            *site.texts,
            *site.copies,
            *site.images,
            *site.meshes,
            *site.archives,
            *site.patterns,
            *site.made,
            *site.kept_texts,
        ]
        if not inside_site(target)
    ]
    # Strings and one look at each folder, not pathlib for every file: this runs over every
    # file of the site on every build.
    linked = LinkedFolders(root)
    contributed = tuple(linked.top + folder + os.sep for folder in ("designs", "catalog"))
    made = os.path.join(linked.top + CACHE_FOLDER, "")
    images = ((target, job.source) for target, job in site.images.items())
    # The files kept from the last build: the contributed ones are checked like any other.
    sources: list[tuple[str, Path | str]] = [
        *site.copies.items(),
        *site.made.items(),
        *site.meshes.items(),
        *images,
    ]
    for target, source in sources:
        path = os.path.abspath(source)
        if not path.startswith(contributed):
            # A file kept from the last build is the records' or the build cache's: the
            # manifest that names it is a file, which must not lead the build to publish
            # another. Else the project's own files (schemas) and the analysis's previews.
            if target in site.made and not path.startswith(made):
                problems.append(
                    f"{target}: {source} is neither a file of the records nor one the build made"
                )
            continue
        try:
            found = os.lstat(path)  # one call, not three (link? file? size?), for every file
        except OSError:
            found = None
        linked_file = found is not None and stat.S_ISLNK(found.st_mode)
        if linked_file or linked.through_link(os.path.dirname(path)):
            # Copying follows a link: a part linked to /etc/passwd would be published.
            problems.append(f"{target}: {source} is, or lies in a folder that is, a link")
            continue
        if found is None or not stat.S_ISREG(found.st_mode):
            problems.append(f"{target}: {source} is not a file of the records")
            continue
        stamp = settled_stamp(found)
        if not stamp or passed_before.get(path) != stamp:
            if problem := content_problem(os.path.basename(path), Path(source), found.st_size):
                problems.append(f"{target}: {problem.message}")
                continue
            if not stamp:
                continue
        passed[path] = stamp
    return problems


def inside_site(target: str) -> bool:
    """Whether `target` is a plain relative address inside the site: not absolute, no
    empty, `.` or `..` step, no backslash or control character."""
    return not (
        not target
        or target.startswith("/")  # absolute (a string test: it runs on every file)
        or "\\" in target
        or any(part in ("", ".", "..") for part in target.split("/"))
        or _CONTROL.search(target) is not None
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
