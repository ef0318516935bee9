"""The "print settings" box at the top of a design page: the settings the design
recommends for its printed parts, in the values the estimate used (each part's analysis
profile holds them), and the reference profile's settings the figures take where the
design gives none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.analysis.print_settings import NOT_GIVEN, PROFILE_FIELDS, phrases
from generator.analysis.print_settings import recommended_phrases as recommended_words
from generator.analysis.results import PartAnalysis, ProfileUsed
from generator.analysis.said import Clause

# Always said of the reference profile: the design's settings do not cover the lines.
REFERENCE_ONLY = ("extrusion_width",)


@dataclass(frozen=True)
class PartSettings:
    names: tuple[str, ...]  # the parts' names
    words: tuple[Clause, ...]  # what the design recommends for these parts beyond the rest


@dataclass(frozen=True)
class SettingsBox:
    recommended: tuple[Clause, ...]  # for every printed part of the design
    parts: tuple[PartSettings, ...]  # for some parts only, by part
    reference: tuple[Clause, ...]  # the reference profile's, where the design gives none
    profile: str  # the reference profile's name
    # A part is printed with supports, as the design recommends, and its figures hold no
    # support material (the estimate found none under the rule).
    supports_left_out: bool


def settings_box(
    parts: Sequence[Mapping[str, Any]], analyses: Mapping[str, Any]
) -> SettingsBox | None:
    """The box for a design's `parts` (in order) and its analyses by part id; None when no
    part was estimated as printed."""
    printed = [
        (str(part.get("name") or part.get("id")), result.analysis.profile)
        for part in parts
        if isinstance(result := analyses.get(str(part.get("id"))), PartAnalysis)
        and result.analysis.profile.model == "fdm"
        and result.analysis.profile.settings is not None
    ]
    if not printed:
        return None
    words = [_recommended(profile) for _, profile in printed]
    common = tuple(w for w in words[0] if all(w in other for other in words[1:]))
    return SettingsBox(
        recommended=common,
        parts=_grouped(
            [name for name, _ in printed],
            [tuple(w for w in said if w not in common) for said in words],
        ),
        reference=tuple(_reference([profile for _, profile in printed])),
        profile=printed[0][1].name,
        supports_left_out=any(
            profile.recommended is not None
            and profile.recommended.supports
            and "support" not in (profile.breakdown_cm3 or {})
            for _, profile in printed
        ),
    )


def _grouped(names: Sequence[str], words: Sequence[tuple[Clause, ...]]) -> tuple[PartSettings, ...]:
    """The parts with the same settings of their own together, in the order of the first
    of each; parts with none of their own are left out."""
    groups: dict[tuple[Clause, ...], list[str]] = {}
    for name, own in zip(names, words, strict=True):
        if own:
            groups.setdefault(own, []).append(name)
    return tuple(PartSettings(tuple(group), own) for own, group in groups.items())


def _recommended(profile: ProfileUsed) -> list[Clause]:
    return recommended_words(profile.settings or {}, profile.recommended or NOT_GIVEN)


def _reference(profiles: Sequence[ProfileUsed]) -> list[Clause]:
    """The settings some printed part takes from the reference profile, in its values."""
    values: dict[str, Any] = {}
    for profile in profiles:
        given = (profile.recommended or NOT_GIVEN).profile_changes()
        for field in (*(f for f, _ in PROFILE_FIELDS.values()), *REFERENCE_ONLY):
            if field not in given and profile.settings is not None:
                values.setdefault(field, profile.settings[field])
    return phrases(values, values)
