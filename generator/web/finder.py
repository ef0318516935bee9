"""What the gallery and the search without a server read: small files, each fetched when it
is needed, none growing with the catalogue beyond a few kilobytes.

Every design (newest first), then every material, process, maker and need, has a position.
The site publishes, under assets/makelocal/data/:

- `find.js`: the header: how many files of each kind, where each kind of record starts
  and ends, the names of processes, materials and labels, and which file holds each
  filter of the gallery;
- `find/items-N.js`: what a card or a search result shows, for ITEMS_PER_FILE positions;
- `find/facet-N.js`: the designs one filter choice keeps (a process, a category...);
- `find/words-N.js`: for each word of the records' names, summaries, tags, aliases and
  the names of their processes and materials, the positions it occurs at, and those it
  occurs at in a title. Words are filed by their first KEY_LENGTH letters, spread over
  as many files as keeps each near WORDS_FILE_BYTES (FNV-1a of the key).

Each file is a classic script calling `MAKELOCAL_DATA(name, data)` (fetch() is refused on
pages opened from files); assets/makelocal/data.js loads them and reads their sets
(generator/web/idsets.py). A word of the search matches the words it begins (a word of
fewer than KEY_LENGTH letters only itself).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.records import evidence
from generator.records.catalog import Record
from generator.records.facts import data_of, design_materials, design_processes, visible_maker
from generator.web import idsets, words
from generator.web.i18n import _
from generator.web.incremental import Reuse
from generator.web.index import Index, newest_first, thumb_path
from generator.web.labels import (
    CATEGORIES,
    MATURITY,
    PILLARS,
    RUNG_MEANINGS,
    VERDICT_MEANINGS,
    VERDICTS,
    ladder_label,
)
from generator.web.markup import data_file
from generator.web.summary import summary
from generator.web.translated import LanguageView

HEADER = "assets/makelocal/data/find.js"
FOLDER = "assets/makelocal/data/find"
# Small files: a filtered gallery or a search may need one file for each card it shows.
ITEMS_PER_FILE = 4
# Cards the gallery shows at first, and adds with "Show more": a dozen, each with its
# picture, is a few screens of a phone and under 300 KB with everything the page loads.
GALLERY_PAGE = 12
# Results a search shows at first, and adds with "Show more": each may bring its picture
# (13 of 20 brought 22 KB at 10,000 designs), and a phone shows a few at a time.
SEARCH_PAGE = 10
WORDS_FILE_BYTES = 12_000
KEY_LENGTH = 3
KINDS = ("design", "material", "process", "maker", "need")
# What the search and the gallery's words look for: letters and digits, any alphabet.
WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """The words of `text` as the scripts split it: lower case, letters and digits."""
    return WORD.findall(text.lower())


def key_of(word: str) -> str:
    return word[:KEY_LENGTH]


def bucket(key: str, buckets: int) -> int:
    """The words file of a key: FNV-1a over its code points (data.js computes the same)."""
    value = 0x811C9DC5
    for character in key:
        value = ((value ^ ord(character)) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


@dataclass(frozen=True)
class Entry:
    """A record as the finder holds it: its kind, what a card shows, the words searched."""

    kind: str
    item: dict[str, Any]
    title: str
    words: list[str]  # each once (`searched`)


def searched(texts: list[str]) -> list[str]:
    """The words of `texts`, each once, in order (kept so in the manifest: a build does
    not split the unchanged designs' texts again)."""
    return list(dict.fromkeys(word for text in texts for word in words_of(text)))


def _design_entry(index: Index, design: Record, reuse: Reuse | None) -> Entry:
    """The design's entry: the last build's while the design is unchanged (`reuse`)."""

    def make() -> list[Any]:
        return _new_design_entry(index, design)

    item, title, words_searched = reuse.entry(design.id, make) if reuse else make()
    # A copy of the item: another language's site marks it (`entries`).
    return Entry("design", dict(item), title, words_searched)


def _new_design_entry(index: Index, design: Record) -> list[Any]:
    data = data_of(design)
    figures = summary(index, design)
    ladder = index.ladders[design.id]
    processes, materials = design_processes(data), design_materials(data)
    title = str(data.get("title", design.id))
    item = {
        "id": design.id,
        "t": title,
        "s": data.get("summary", ""),
        "i": thumb_path(design, index) or "",
        "v": figures.verdict or "",
        "r": ladder.rung,
        "el": ladder_label(ladder),
        "p": processes,
        "f": words.figures(figures.grams, figures.minutes),
    }
    text = [
        title,
        str(data.get("summary", "")),
        str(data.get("licence", "")),
        *map(str, data.get("tags") or []),
        *map(index.process_name, processes),
        *map(index.material_name, materials),
        CATEGORIES.get(str(data.get("category")), ""),
        *(PILLARS[p].title for p in data.get("pillars") or [] if p in PILLARS),
    ]
    return [item, title, searched(text)]


def _record_entry(index: Index, kind: str, record: Record) -> Entry:
    data = visible_maker(data_of(record)) if kind == "maker" else data_of(record)
    title = str(data.get("name", record.id))
    processes = [e["process"] if isinstance(e, dict) else e for e in data.get("processes") or []]
    text = [
        title,
        str(data.get("summary", "")),
        *map(str, data.get("aliases") or []),
        *_place(data),
        *(index.process_name(str(p)) for p in processes),
        *(index.material_name(str(m)) for m in data.get("materials") or []),
    ]
    item = {"id": record.id, "t": title, "s": data.get("summary", "")}
    return Entry(kind, item, title, searched(text))


def _place(data: Any) -> list[str]:
    """Where a maker works or a need is: its region or city, and its country, by its code
    and by its name in the language written."""
    country = str(data.get("country", ""))
    return [str(data.get("region", "")), country, words.country_name(country) if country else ""]


def _need_entries(index: Index) -> list[Entry]:
    entries = []
    for found in index.need_matches.values():
        need = data_of(index.needs[found.need.id])
        country = str(need.get("country", ""))
        said = _(
            "%(quantity)s needed in %(country)s, by %(day)s",
            quantity=words.number(found.need.quantity),
            country=words.country_name(country),
            day=words.day(found.need.needed_by),
        )
        text = [
            found.need.title,
            said,
            str(need.get("requested_by", "")),
            *_place(need),
            *(index.process_name(str(p)) for p in need.get("processes") or []),
            *(index.material_name(str(m)) for m in need.get("materials") or []),
        ]
        item = {"id": found.need.id, "t": found.need.title, "s": said}
        entries.append(Entry("need", item, found.need.title, searched(text)))
    return entries


def entries(
    index: Index, view: LanguageView | None = None, reuse: Reuse | None = None
) -> list[Entry]:
    """Every record the finder holds, in the order of their positions, the designs' taken
    from the last build while unchanged (`reuse`). In another language's site (`view`), a
    record with no page there is flagged `en`: its page is the English site's."""
    found = [_design_entry(index, d, reuse) for d in newest_first(index.designs.values())]
    for kind, records in (
        ("material", index.materials),
        ("process", index.processes),
        ("maker", index.makers),
    ):
        found += [_record_entry(index, kind, r) for r in records.values()]
    found += _need_entries(index)
    if view is not None:
        for entry in found:
            if view.translation(entry.kind, entry.item["id"]) is None:
                entry.item["en"] = 1
    return found


def _names(index: Index) -> dict[str, dict[str, str]]:
    return {
        "process": {p: index.process_name(p) for p in index.processes},
        "material": {m: index.material_name(m) for m in index.materials},
        "category": dict(CATEGORIES),
        "pillar": {p: pillar.title for p, pillar in PILLARS.items()},
        "maturity": {m: label for m, (label, _) in MATURITY.items()},
        "verdict": dict(VERDICTS),
        # What the badges mean, shown on hover as on the pages.
        "verdictMeaning": {v: m.capitalize() for v, m in VERDICT_MEANINGS.items()},
        "rungMeaning": {r: m.capitalize() for r, m in RUNG_MEANINGS.items()},
    }


def facets(index: Index) -> dict[str, dict[str, list[int]]]:
    """The designs each choice of the gallery's filters keeps, by their positions."""
    position = {d.id: i for i, d in enumerate(newest_first(index.designs.values()))}
    kept: dict[str, dict[str, list[int]]] = {
        "process": {p: [position[d] for d in ids] for p, ids in index.designs_by_process.items()},
        "material": {m: [position[d] for d in ids] for m, ids in index.designs_by_material.items()},
        "category": {
            c: [position[d] for d in index.designs_by_category[c]]
            for c in CATEGORIES
            if c in index.designs_by_category
        },
        "pillar": {
            p: [position[d] for d in index.designs_by_pillar[p]]
            for p in PILLARS
            if p in index.designs_by_pillar
        },
        "maturity": {m: [] for m in MATURITY},
        "evidence": {r.id: [] for r in evidence.RUNGS[1:]},
    }
    for design_id, at in position.items():
        maturity = data_of(index.designs[design_id]).get("maturity")
        if maturity in kept["maturity"]:
            kept["maturity"][str(maturity)].append(at)
        level = index.ladders[design_id].level
        for rung in evidence.RUNGS[1 : level + 1]:
            kept["evidence"][rung.id].append(at)
    return kept


def word_sets(found: Sequence[Entry]) -> dict[str, tuple[list[int], list[int]]]:
    """Each word: the positions it occurs at, and those it occurs at in a title."""
    anywhere: dict[str, list[int]] = defaultdict(list)
    titled: dict[str, list[int]] = defaultdict(list)
    for at, entry in enumerate(found):
        for word in entry.words:
            anywhere[word].append(at)
        for word in dict.fromkeys(words_of(entry.title)):
            titled[word].append(at)
    return {word: (at, titled.get(word, [])) for word, at in sorted(anywhere.items())}


def word_files(found: Sequence[Entry]) -> tuple[int, dict[int, dict[str, list[str]]]]:
    """The words files: how many, and each one's words with their two sets."""
    size = len(found)
    coded = {
        word: [idsets.encode(at, size), idsets.encode(titled, size) if titled else ""]
        for word, (at, titled) in word_sets(found).items()
    }
    weight: dict[str, int] = defaultdict(int)
    for word, sets in coded.items():
        weight[key_of(word)] += len(word) + sum(map(len, sets)) + 10
    buckets = max(1, math.ceil(sum(weight.values()) / WORDS_FILE_BYTES))
    while buckets < len(weight):  # spread until no file is twice the aim, as far as keys go
        loads: dict[int, int] = defaultdict(int)
        for key, grams in weight.items():
            loads[bucket(key, buckets)] += grams
        if max(loads.values(), default=0) <= 2 * WORDS_FILE_BYTES:
            break
        buckets *= 2
    files: dict[int, dict[str, list[str]]] = {n: {} for n in range(buckets)}
    for word, sets in coded.items():
        files[bucket(key_of(word), buckets)][word] = sets
    return buckets, files


def _spans(found: Sequence[Entry]) -> list[list[Any]]:
    spans = []
    for kind in KINDS:
        at = [i for i, e in enumerate(found) if e.kind == kind]
        spans.append([kind, at[0] if at else 0, at[-1] + 1 if at else 0])
    return spans


def finder_files(
    index: Index, view: LanguageView | None = None, reuse: Reuse | None = None
) -> dict[str, str]:
    """Every file of the finder, by its path in the site (in another language's, `view`),
    its designs' entries the last build's while unchanged (`reuse`)."""
    found = entries(index, view, reuse)
    designs = sum(1 for e in found if e.kind == "design")
    texts: dict[str, str] = {}
    for start in range(0, len(found), ITEMS_PER_FILE):
        name = f"find/items-{start // ITEMS_PER_FILE}"
        texts[f"{FOLDER}/items-{start // ITEMS_PER_FILE}.js"] = data_file(
            name, [e.item for e in found[start : start + ITEMS_PER_FILE]]
        )
    facet_files: dict[str, dict[str, int]] = {}
    for facet, choices in facets(index).items():
        facet_files[facet] = {}
        for value, kept in sorted(choices.items()):
            number = sum(map(len, facet_files.values()))
            facet_files[facet][value] = number
            texts[f"{FOLDER}/facet-{number}.js"] = data_file(
                f"find/facet-{number}", idsets.encode(kept, designs)
            )
    buckets, files = word_files(found)
    for number, held in files.items():
        texts[f"{FOLDER}/words-{number}.js"] = data_file(f"find/words-{number}", held)
    header = {
        "perFile": ITEMS_PER_FILE,
        "page": GALLERY_PAGE,
        "buckets": buckets,
        "keyLength": KEY_LENGTH,
        "spans": _spans(found),
        "names": _names(index),
        "facets": facet_files,
    }
    texts[HEADER] = data_file("find", header)
    return texts
