"""Needs on the site: the "Open needs" page (open needs picture first, then the expired
and closed ones), a page for each need, and the words maker and design pages use for
needs and capacity.

A need's state and time left are as of the build's date (`Index.as_of`), which every page
that shows them states.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.makeit.needs import ASSUMPTION, Candidate, NeedMatch, Rate
from generator.records.catalog import Record
from generator.records.facts import data_of
from generator.web import maker_map
from generator.web.i18n import _, gettext
from generator.web.index import Index, thumb_path
from generator.web.jinja import headings, reference_numbers, render_template
from generator.web.labels import CATEGORIES, NEED_STATUS
from generator.web.links import Links
from generator.web.site import Page, Settings
from generator.web.translated import TranslationOf
from generator.web.words import country_name, day, number, time_left

NEEDS_PAGE = maker_map.NEEDS_PAGE
GUIDE, GUIDE_SECTION = "contribute.md", "post-a-need"


def need_path(need_id: str) -> str:
    return f"need/{need_id}.md"


@dataclass(frozen=True)
class Answer:
    """A maker whose profile can make a need, as a page shows it."""

    maker: str
    name: str
    url: str
    country: str
    design: str  # the title of the design it would make
    says: str  # what its stated capacity makes in time, in words
    enough: bool | None  # None: capacity not stated
    unchecked: tuple[str, ...]


@dataclass(frozen=True)
class NeedView:
    """A need as cards and pages show it."""

    id: str
    url: str
    title: str
    image: str | None
    image_alt: str  # what the picture shows: the design it is of
    quantity: int
    where: str
    country: str
    when: str  # "3 weeks left", "expired on ...", "met"
    needed_by: str
    state: str
    what: str  # the design's title, or "any design of <category>"
    what_url: str | None
    answers: tuple[Answer, ...]


def rate_words(rate: Rate, index: Index) -> str:
    """A stated rate as products of the design a week, and what it was stated for."""
    entry = rate.capacities[0]
    pace = _("%(count)s a week", count=number(round(rate.per_week, 1)))
    if rate.basis == "design":
        return pace
    if rate.basis == "category":
        category = CATEGORIES.get(entry.target, entry.target)
        return _("%(pace)s (said for any design in %(category)s)", pace=pace, category=category)
    slowest = next(c for c in rate.capacities if c.target == rate.slowest)
    return _(
        "%(pace)s (%(parts)s parts a week by %(process)s, %(each)s a product)",
        pace=pace,
        parts=number(slowest.per_week),
        process=index.process_name(slowest.target),
        each=rate.parts_a_product,
    )


def coverage_words(candidate: Candidate, quantity: int, needed_by: str, index: Index) -> str:
    """What a maker's stated capacity makes by the day: "30 a week makes 120 by 2027-01-03,
    enough for 100"."""
    covered = candidate.coverage
    if covered is None:
        return _("how many it can take on is not stated")
    verdict = (
        _("enough for %(quantity)s", quantity=number(quantity))
        if covered.enough
        else _(
            "%(missing)s short of %(quantity)s",
            missing=number(quantity - covered.by_date),
            quantity=number(quantity),
        )
    )
    return _(
        "%(rate)s makes %(made)s by %(day)s, %(verdict)s",
        rate=rate_words(covered.rate, index),
        made=number(covered.by_date),
        day=day(needed_by),
        verdict=verdict,
    )


def _design_title(index: Index, design_id: str) -> str:
    record = index.designs.get(design_id)
    return str(data_of(record).get("title", design_id)) if record else design_id


def _answer(index: Index, candidate: Candidate, match: NeedMatch, links: Links) -> Answer:
    data = index.match_makers.get(candidate.maker, {})
    return Answer(
        candidate.maker,
        str(data.get("name", candidate.maker)),
        links.maker(candidate.maker),
        country_name(str(data.get("country", ""))),
        _design_title(index, candidate.designs[0]),
        coverage_words(candidate, match.need.quantity, match.need.needed_by.isoformat(), index),
        candidate.coverage.enough if candidate.coverage else None,
        tuple(note.written(gettext) for note in candidate.unchecked),
    )


def _picture(index: Index, match: NeedMatch, links: Links) -> tuple[str | None, str]:
    """The card image of the design it names, else of the first design that would do,
    with that design's title."""
    named = match.need.design
    for design_id in ([named] if named else []) + list(match.designs):
        record = index.designs.get(design_id)
        thumb = thumb_path(record, index) if record else None
        if thumb:
            return links.to(thumb), _design_title(index, design_id)
    return None, ""


def need_view(index: Index, need_id: str, links: Links) -> NeedView:
    match = index.need_matches[need_id]
    data = data_of(index.needs[need_id])
    code = str(data.get("country", ""))
    where = country_name(code) + (f", {data['region']}" if data.get("region") else "")
    needed_by = match.need.needed_by.isoformat()
    when = (
        time_left(match.days_left, needed_by)
        if match.state in ("open", "expired")
        else NEED_STATUS[match.state]
    )
    what_url: str | None
    if match.need.design:
        what, what_url = _design_title(index, match.need.design), links.design(match.need.design)
    else:
        category = str(match.need.category)
        what = _("any design in %(category)s", category=CATEGORIES.get(category, category))
        what_url = (
            links.to(f"categories/{category}.md") if category in index.designs_by_category else None
        )
    return NeedView(
        need_id,
        links.to(need_path(need_id)),
        match.need.title,
        *_picture(index, match, links),
        match.need.quantity,
        where,
        code,
        when,
        needed_by,
        match.state,
        what,
        what_url,
        tuple(_answer(index, c, match, links) for c in match.candidates),
    )


def _by_date(index: Index, state_open: bool) -> list[str]:
    """Open needs soonest first, or the others most recently due first."""
    chosen = [m for m in index.need_matches.values() if (m.state == "open") == state_open]
    chosen.sort(key=lambda m: (m.days_left if state_open else -m.days_left, m.need.id))
    return [m.need.id for m in chosen]


def how_to_add(pages: Sequence[Page]) -> str:
    """Where the site says how to post a need: the contributor guide's section on it, or
    the guide itself where it has no such section."""
    guide = next((p for p in pages if p.path == GUIDE), None)
    has_section = guide is not None and any(h.id == GUIDE_SECTION for h in guide.toc)
    return f"{GUIDE}#{GUIDE_SECTION}" if has_section else GUIDE


def needs_page(index: Index, guide: str = GUIDE) -> Page:
    path = NEEDS_PAGE
    links = Links(path)
    needed = maker_map.need_countries(index)
    html = render_template(
        "needs.html",
        path,
        index,
        open_needs=[need_view(index, n, links) for n in _by_date(index, True)],
        closed=[need_view(index, n, links) for n in _by_date(index, False)],
        countries=needed,
        world_map=maker_map.makers_map(links, maker_map.countries(index), needed),
        anchor=maker_map.need_anchor,
        how_to_add=links.to(guide),
        assumption=gettext(ASSUMPTION),
    )
    return Page(
        path,
        _("Open needs"),
        _("What places need made, and the makers whose profiles can make it."),
        html,
        in_nav=True,
        search=False,
        wide=True,
    )


def contact_route(
    data: Mapping[str, Any], index: Index, links: Links, settings: Settings
) -> tuple[str, str | None]:
    """How a maker answers a need: words, and where they lead (None: nowhere to link)."""
    contact = data.get("contact") or {}
    if contact.get("maker") in index.makers:
        maker = data_of(index.makers[contact["maker"]])
        name = maker.get("name", contact["maker"])
        return _("through %(maker)s", maker=name), links.maker(contact["maker"])
    if isinstance(contact.get("url"), str):
        asker = data.get("requested_by") or _("who asks")
        return _("through the page of %(asker)s", asker=asker), contact["url"]
    issues = f"{settings.repo_url}/issues" if settings.repo_url else None
    return _("by answering on the project's issues"), issues


def need_page(
    index: Index, need: Record, settings: Settings, translated: TranslationOf | None = None
) -> Page:
    data = data_of(need)
    path = need_path(need.id)
    links = Links(path)
    view = need_view(index, need.id, links)
    match = index.need_matches[need.id]
    html = render_template(
        "need.html",
        path,
        index,
        need=view,
        data=data,
        translation=translated("need", need.id) if translated else None,
        match=match,
        references=reference_numbers(data),
        contact=contact_route(data, index, links, settings),
        country_map=maker_map.need_map(index, need, links),
        needs_page=links.to(NEEDS_PAGE),
        assumption=gettext(ASSUMPTION),
    )
    toc = headings(
        (2, "who-can-make", _("Who can make it")) if match.state == "open" else None,
        (2, "references", _("References")) if data.get("references") else None,
    )
    description = _(
        "%(quantity)s needed in %(where)s, by %(day)s.",
        quantity=number(view.quantity),
        where=view.where,
        day=day(view.needed_by),
    )
    return Page(path, view.title, description, html, toc)


def maker_needs(index: Index, maker_id: str, links: Links) -> list[tuple[NeedView, Answer]]:
    """The open needs a maker's profile can make, soonest first, with what it could do."""
    found = []
    for need_id, candidate in index.needs_by_maker.get(maker_id, []):
        view = need_view(index, need_id, links)
        answer = _answer(index, candidate, index.need_matches[need_id], links)
        found.append((view, answer))
    return sorted(found, key=lambda item: (index.need_matches[item[0].id].days_left, item[0].id))


@dataclass(frozen=True)
class CapacityLine:
    """One entry of a maker's stated capacity, as its page says it."""

    amount: str  # "200 a week" or "600 parts a week"
    what: str  # "of Face shield headband", "by FDM printing"
    url: str | None
    stated: str
    note: str


def capacity_lines(index: Index, data: Mapping[str, Any], links: Links) -> list[CapacityLine]:
    """A maker's capacity (`data` as it may be shown), in words."""
    lines = []
    url: str | None
    for entry in data.get("capacity") or []:
        amount = _("%(count)s a week", count=number(entry["per_week"]))
        if "design" in entry:
            what = _("of %(design)s", design=_design_title(index, entry["design"]))
            url = links.design(entry["design"])
        elif "category" in entry:
            label = CATEGORIES.get(entry["category"], entry["category"])
            url = (
                links.to(f"categories/{entry['category']}.md")
                if entry["category"] in index.designs_by_category
                else None
            )
            what = _("of any design in %(category)s", category=label)
        else:
            amount = _("%(count)s parts a week", count=number(entry["per_week"]))
            what = _("by %(process)s", process=index.process_name(entry["process"]))
            url = links.process(entry["process"])
        lines.append(
            CapacityLine(
                amount, what, url, str(entry.get("stated", "")), str(entry.get("note", ""))
            )
        )
    return lines
