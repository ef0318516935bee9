""" "Did you mean ...?" suggests the same name whether or not names that cannot reach the
threshold are compared letter by letter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.findings.suggest import THRESHOLD, closest, likeness, words

WORD = st.text(alphabet="abcdeilnoprst0123", min_size=1, max_size=7)
NAME = st.lists(WORD, min_size=1, max_size=5).map("-".join)


def every_name_compared(wanted: str, known: list[str]) -> str | None:
    """`closest` as it was written before names were left out: every name compared."""
    names = sorted(set(known))
    key = words(wanted)
    same = [n for n in names if words(n) == key]
    if same:
        return same[0]
    holding = [n for n in names if key and set(key) <= set(words(n))]
    if len(holding) == 1:
        return holding[0]
    score, best = max(((likeness(wanted, n), n) for n in names), default=(0.0, ""))
    return best if score >= THRESHOLD else None


@settings(max_examples=300, deadline=None)
@given(NAME, st.lists(NAME, max_size=30))
def test_the_suggestion_is_the_one_every_name_compared_gives(wanted: str, known: list[str]) -> None:
    assert closest(wanted, known) == every_name_compared(wanted, known)


def test_a_typo_among_many_ids_is_still_found() -> None:
    known = [f"design-{n:05d}" for n in range(5000)] + ["recycled-pla", "banana-fibre"]
    assert closest("recyled-pla", known) == "recycled-pla"
    assert closest("banana-fiber", known) == "banana-fibre"


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME, min_size=1, max_size=30), st.data())
def test_a_typo_of_a_known_name_gets_the_suggestion_every_name_compared_gives(
    known: list[str], data: st.DataObject
) -> None:
    # Names a letter or two off another are the ones near the threshold, where a bound
    # that leaves out a name that could reach it would change the suggestion.
    wanted = data.draw(st.sampled_from(known))
    for _ in range(data.draw(st.integers(1, 2))):
        at = data.draw(st.integers(0, len(wanted)))
        letter = data.draw(st.sampled_from("abcdeilnoprst0123-"))
        wanted = wanted[:at] + letter + wanted[at + 1 :]
    assert closest(wanted, known) == every_name_compared(wanted, known)
