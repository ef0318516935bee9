"""The site's "What can I make?" page and "Who can make it" on design pages.

Pure, like the render stage it plugs into: records and analyses in, HTML and script data
out. Record text is untrusted: it is escaped here, and the page's script (assets/match.js)
builds its results with textContent only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from generator.analysis.results import PartAnalysis, PartResult
from generator.makeit.inputs import Catalogue, DesignSpec, Machine, PartFigures, catalogue
from generator.makeit.matching import MESSAGES, NEAR_MISS_NEEDS, ROTATION, size_text
from generator.makeit.notes import Note
from generator.records.catalog import Catalog
from generator.web.i18n import N_, _, gettext
from generator.web.markup import data_file, script_json
from generator.web.translated import EnglishText, LanguageView
from generator.web.words import country_name

PAGE = "what-can-i-make.md"
TITLE = N_("What can I make?")
DESCRIPTION = N_(
    "Tick the processes, machines and materials you have and see which designs you can make."
)
SCRIPT_DATA = "assets/makelocal/data/match.js"
DATA_FOLDER = "assets/makelocal/data/match"
DESIGNS_PER_FILE = 20
PAGE_SIZE = 20  # designs each list shows at first, and adds with "Show more"
SCRIPT = "assets/makelocal/match.js"
LOADER = "assets/makelocal/data.js"

Link = Callable[[str], str]  # site path -> address relative to the page being written


def match_inputs(
    catalog: Catalog,
    analyses: Mapping[str, PartResult],
    visible: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    designs: Collection[str] | None = None,
) -> tuple[Catalogue, dict[str, Mapping[str, Any]]]:
    """What matching needs: the catalogue (its `designs` only, when given) with part sizes
    from the analyses, and each maker's profile as it may be shown (`visible`)."""

    def records(kind: str) -> dict[str, dict[str, Any]]:
        return {i: r.data for i, r in catalog.of_type(kind).items() if isinstance(r.data, dict)}

    chosen = records("design")
    if designs is not None:
        chosen = {i: data for i, data in chosen.items() if i in designs}
    figures = {
        key: PartFigures(
            a.analysis.size_mm, a.analysis.geometry.volume_cm3 if a.analysis.geometry else None
        )
        for key, a in analyses.items()
        if isinstance(a, PartAnalysis) and (designs is None or key.split("/", 1)[0] in designs)
    }
    cat = catalogue(chosen, records("process"), records("material"), figures)
    return cat, {i: visible(d) for i, d in records("maker").items()}


def _design_data(
    design: DesignSpec, machines: Sequence[Machine], view: LanguageView | None
) -> dict[str, Any]:
    """A design as the page's script matches it: each part with how it fits on every machine
    profile of its process (worked out here by `fit.placement`, so the browser only
    combines choices), and its sets of alternatives as positions in its list of parts, in
    the order matching takes them. In another language's site (`view`), a design with no
    page there is flagged `en`: its page is the English site's."""
    return {
        **({"en": 1} if view and not view.translation("design", design.id) else {}),
        "id": design.id,
        "title": design.title,
        "parts": [
            {
                "id": part.id,
                "name": part.name,
                "process": part.process,
                "materials": list(part.materials),
                "size": size_text(part.size_mm) if part.size_mm else None,
                "fits": {
                    m.profile: m.placement(part)
                    for m in machines
                    if m.process == part.process and part.size_mm and m.build_volume_mm
                },
                "alternatives": list(part.alternatives),
            }
            for part in design.parts
        ],
        "groups": design.groups,
    }


def shape_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """What decides whether a design can be made and how many things it lacks, whatever
    its names: each part's process, materials, whether its size is known and the machines
    it fits, and its sets of alternatives. Designs of one shape match alike."""
    parts = [
        {
            "process": part["process"],
            "materials": part["materials"],
            "size": 1 if part["size"] else 0,
            "fits": {machine: 1 for machine, fits in part["fits"].items() if fits},
        }
        for part in data["parts"]
    ]
    return {"parts": parts, "groups": data["groups"]}


def shaped(
    cat: Catalogue, view: LanguageView | None = None
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The designs grouped by shape, each shape's designs in the catalogue's order (by id),
    shapes in the order of their first design: the order of the page's results."""
    machines = [m for _, m in sorted(cat.profiles.items())]
    by_shape: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for design in cat.designs:
        data = _design_data(design, machines, view)
        shape = shape_of(data)
        by_shape.setdefault(script_json(shape), (shape, []))[1].append(data)
    return list(by_shape.values())


def script_data(cat: Catalogue, view: LanguageView | None = None) -> dict[str, str]:
    """The page's data, as classic scripts (fetch() is refused on file:// pages): a header
    with the choices, the sentences and every shape of design with the positions of its
    designs, and the designs themselves, DESIGNS_PER_FILE to a file, fetched for the
    results shown. The page matches each shape once to count and order the results, then
    the designs it shows, each from its own data."""
    machines = [m for _, m in sorted(cat.profiles.items())]
    shapes: list[dict[str, Any]] = []
    ordered: list[dict[str, Any]] = []
    for shape, designs in shaped(cat, view):
        shapes.append({**shape, "start": len(ordered), "end": len(ordered) + len(designs)})
        ordered += designs
    header = {
        "nearMissNeeds": NEAR_MISS_NEEDS,
        "messages": {key: gettext(message) for key, message in MESSAGES.items()},
        "processes": [{"id": i, "name": n} for i, n in cat.processes.items()],
        "materials": [{"id": i, "name": n} for i, n in cat.materials.items()],
        "machines": [
            {
                "id": m.profile,
                "name": m.name,
                "process": m.process,
                "sized": m.build_volume_mm is not None,
            }
            for m in machines
        ],
        "heated": sorted(cat.heated),
        "neverHeat": sorted(cat.never_heat),
        "shapes": shapes,
        "count": len(ordered),
        "perFile": DESIGNS_PER_FILE,
        "page": PAGE_SIZE,
    }
    texts = {SCRIPT_DATA: data_file("match", header)}
    for start in range(0, len(ordered), DESIGNS_PER_FILE):
        number = start // DESIGNS_PER_FILE
        texts[f"{DATA_FOLDER}/designs-{number}.js"] = data_file(
            f"match/designs-{number}", ordered[start : start + DESIGNS_PER_FILE]
        )
    return texts


def _checkbox(name: str, value: str, label: str, english: bool = False) -> str:
    """A choice; one whose name is a record's still in English, on a page in another
    language, marked so (generator.web.translated)."""
    shown = escape(EnglishText(label) if english else label)
    return (
        f'<label class="ml-match__choice"><input type="checkbox" name="{escape(name)}" '
        f'value="{escape(value)}"> {shown}</label>'
    )


def page_html(cat: Catalogue, link: Link, english: Callable[[str, str], bool] | None = None) -> str:
    """The page body: the choices as a plain form (escaped here), results filled in by
    the script."""
    english = english or (lambda _kind, _id: False)
    processes = "".join(
        _checkbox("process", i, n, english("process", i)) for i, n in cat.processes.items()
    )
    machines = [m for _, m in sorted(cat.profiles.items())]
    machine_groups = []
    for process_id, process_name in cat.processes.items():
        own = [m for m in machines if m.process == process_id]
        heading = EnglishText(process_name) if english("process", process_id) else process_name
        if own:
            boxes = "".join(
                _checkbox(
                    "machine",
                    str(m.profile),
                    f"{m.name} ({size_text(m.build_volume_mm)} mm)"
                    if m.build_volume_mm
                    else m.name,
                )
                for m in own
            )
            machine_groups.append(
                f'<p class="ml-match__group"><strong>{escape(heading)}</strong></p>{boxes}'
            )
    materials = "".join(
        _checkbox("material", i, n, english("material", i)) for i, n in cat.materials.items()
    )
    lead = _(
        "Tick what you have. The designs you can make appear below, then the ones that lack "
        "at most %(count)s things, with what they lack. It all runs in your browser; nothing "
        "is sent anywhere.",
        count=NEAR_MISS_NEEDS,
    )
    noscript = _(
        "This page needs JavaScript. The same answers come from the command line, for "
        "example %(command)s.",
        command="<code>makelocal match --machine prusa-mini --material petg</code>",
    )
    said = {key: escape(text) for key, text in _page_words().items()}
    return f"""<h1>{escape(gettext(TITLE))}</h1>
<p class="ml-lead">{escape(lead)}</p>
<form class="ml-match" id="ml-match-form">
<fieldset><legend>{said["processes"]}</legend>{processes}</fieldset>
<fieldset><legend>{said["machines"]}</legend>
<p class="ml-note">{said["machine_note"]}</p>{"".join(machine_groups)}</fieldset>
<fieldset><legend>{said["materials"]}</legend>{materials}</fieldset>
<p><button type="reset" class="md-button" id="ml-match-clear">{said["clear"]}</button></p>
</form>
<p class="ml-note">{escape(gettext(ROTATION))}</p>
<div class="admonition danger" id="ml-match-warnings" role="alert" hidden>
<p class="admonition-title">{said["danger"]}</p><ul></ul></div>
<p id="ml-match-summary" aria-live="polite"></p>
<ul class="ml-note" id="ml-match-unchecked"></ul>
<h2 id="can-make">{said["can"]}</h2>
<ul class="ml-match__list" id="ml-match-can"></ul>
<p><button type="button" class="md-button" id="ml-match-can-more" hidden>{said["more"]}</button></p>
<h2 id="near-misses">{said["near"]}</h2>
<p class="ml-note">{said["near_note"]}</p>
<ul class="ml-match__list" id="ml-match-near"></ul>
<p><button type="button" class="md-button" id="ml-match-near-more" hidden>{said["more"]}
</button></p>
<noscript><p>{noscript}</p></noscript>
<script src="{escape(link(LOADER))}" defer></script>
<script src="{escape(link(SCRIPT))}" defer></script>
"""


def _page_words() -> dict[str, str]:
    """The page's headings and labels, in the language written. Worked out before the
    page's text: the catalogue does not find messages inside an f-string."""
    return {
        "processes": _("Processes"),
        "machines": _("Machines"),
        "machine_note": _("A machine counts as its process too."),
        "materials": _("Materials"),
        "clear": _("Clear"),
        "danger": _("Danger"),
        "can": _("You can make"),
        "near": _("Almost: what is missing"),
        "near_note": _("Designs that lack the same things are listed together."),
        "more": _("Show more"),
    }


def who_can_make_html(
    found: Sequence[tuple[str, Sequence[Note]]],
    makers: Mapping[str, Mapping[str, Any]],
    link: Link,
) -> Markup:
    """ "Who can make it": makers whose profiles cover the design, grouped by country, each
    with what their profile leaves unchecked."""
    if not found:
        # The message's markup is the catalogue's; the address is escaped into it.
        sentence = _(
            "No maker's profile covers every part of this design yet. "
            '<a href="%(url)s">What can I make?</a> shows what it needs.',
            url=escape(link(PAGE)),
        )
        return Markup(f"<p data-pagefind-ignore>{sentence}</p>")
    by_country: dict[str, list[str]] = {}
    for maker_id, unchecked in found:
        data = makers.get(maker_id, {})
        said = "; ".join(note.written(gettext) for note in unchecked)
        note = f" <small>({escape(said)})</small>" if unchecked else ""
        entry = (
            f'<a href="{escape(link(f"maker/{maker_id}.md"))}">'
            f"{escape(str(data.get('name', maker_id)))}</a>{note}"
        )
        by_country.setdefault(str(data.get("country", "")), []).append(entry)
    named = {country_name(code) if code else "": entries for code, entries in by_country.items()}
    rows = "".join(
        f"<li><strong>{escape(country)}</strong>: {', '.join(entries)}</li>"
        for country, entries in sorted(named.items())
    )
    # Not searched: a maker is found by its own page.
    return Markup(f'<ul class="ml-who" data-pagefind-ignore>{rows}</ul>')
