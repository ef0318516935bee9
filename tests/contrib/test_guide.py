"""The contributor guide cannot drift from the code: its tables of allowed licences, file
limits and finding codes are generated from generator/, and every command it shows exists.
The French guide (CONTRIBUTING.fr.md) has the same tables in French: the codes' titles and
hints and the kinds' names from the findings' catalogue (generator/findings/locale/).

After changing a licence, a limit or a code, rewrite the tables of both with:
    .venv/bin/python -m tests.contrib.test_guide
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from generator.checks.licences import ALLOWED_EXCEPTIONS, OPEN_LICENCES
from generator.checks.quantity_kinds import Kind, quantity_kinds
from generator.cli import build_parser
from generator.contrib.changes import DEFAULT_LIMIT, SIZE_LIMITS, TEXT_SUFFIXES
from generator.findings.codes import CODES
from generator.findings.language import hint, title, word
from generator.records.catalog import MAX_FOLDER_BYTES

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "CONTRIBUTING.md"
GUIDE_FR = ROOT / "CONTRIBUTING.fr.md"
GUIDES = (GUIDE, GUIDE_FR)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _size(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB" if size >= 1024 * 1024 else f"{size // 1024} KiB"


def licence_table() -> str:
    rows = ["| SPDX id | licence |", "| --- | --- |"]
    rows += [f"| `{spdx}` | {_cell(name)} |" for spdx, name in OPEN_LICENCES.items()]
    rows += [
        f"| `WITH {e}` | exception allowed with the licences above |"
        for e in sorted(ALLOWED_EXCEPTIONS)
    ]
    return "\n".join(rows)


def limits_table() -> str:
    by_limit: dict[int, list[str]] = {}
    for suffix, limit in SIZE_LIMITS.items():
        by_limit.setdefault(limit, []).append(f"`{suffix}`")
    rows = ["| files | largest size |", "| --- | --- |"]
    rows += [f"| {', '.join(names)} | {_size(limit)} |" for limit, names in by_limit.items()]
    rows.append(f"| any other file | {_size(DEFAULT_LIMIT)} |")
    rows.append(f"| all the files of a design folder together | {_size(MAX_FOLDER_BYTES)} |")
    return "\n".join(rows)


def text_kinds() -> str:
    return ", ".join(f"`{suffix}`" for suffix in sorted(TEXT_SUFFIXES))


def ranges_table() -> str:
    rows = [
        "| kind of quantity | fields named | units | plausible range | why it ends there |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind in quantity_kinds().kinds:
        reasons = []
        for end, bound in (("lowest", kind.low), ("highest", kind.high)):
            if bound is None:
                continue
            if bound.source is None:
                reasons.append(f"{bound.why} (by definition)")
            else:
                link = f"[{bound.source.publisher}]({bound.source.url})"
                reasons.append(f"{end}: {bound.source.says} ({link})")
        rows.append(
            f"| {kind.name} | {', '.join(f'`{f}`' for f in kind.fields)} | "
            f"{', '.join(kind.units)} | {_cell(kind.range_text())} | "
            f"{_cell('; '.join(dict.fromkeys(reasons)))} |"
        )
    return "\n".join(rows)


def codes_table() -> str:
    rows = ["| code | severity | problem | how to fix it |", "| --- | --- | --- | --- |"]
    rows += [
        f"| {code} | {entry.severity} | {_cell(entry.title)} | {_cell(entry.hint)} |"
        for code, entry in CODES.items()
    ]
    return "\n".join(rows)


TABLES = {
    "| SPDX id |": licence_table,
    "| files | largest size |": limits_table,
    "| code | severity |": codes_table,
    "| kind of quantity |": ranges_table,
}

# --- the same tables in French --------------------------------------------------------

SEVERITY_FR = {"error": "erreur", "warning": "avertissement"}


def _number_fr(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _size_fr(size: int) -> str:
    return _size(size).replace("MiB", "Mio").replace("KiB", "Kio")


def licence_table_fr() -> str:
    rows = ["| identifiant SPDX | licence |", "| --- | --- |"]
    rows += [f"| `{spdx}` | {_cell(name)} |" for spdx, name in OPEN_LICENCES.items()]
    rows += [
        f"| `WITH {e}` | exception permise avec les licences ci-dessus |"
        for e in sorted(ALLOWED_EXCEPTIONS)
    ]
    return "\n".join(rows)


def limits_table_fr() -> str:
    by_limit: dict[int, list[str]] = {}
    for suffix, limit in SIZE_LIMITS.items():
        by_limit.setdefault(limit, []).append(f"`{suffix}`")
    rows = ["| fichiers | taille maximale |", "| --- | --- |"]
    rows += [f"| {', '.join(names)} | {_size_fr(limit)} |" for limit, names in by_limit.items()]
    rows.append(f"| tout autre fichier | {_size_fr(DEFAULT_LIMIT)} |")
    rows.append(
        f"| tous les fichiers d'un dossier de modèle ensemble | {_size_fr(MAX_FOLDER_BYTES)} |"
    )
    return "\n".join(rows)


def range_text_fr(kind: Kind) -> str:
    """A kind's range as range_text writes it, in French."""
    low, high, unit = kind.low, kind.high, kind.unit
    if low is not None and high is not None:
        if low.open:
            return f"au-dessus de {_number_fr(low.value)}, jusqu'à {_number_fr(high.value)} {unit}"
        joiner = " à " if low.value < 0 else "-"
        return f"{_number_fr(low.value)}{joiner}{_number_fr(high.value)} {unit}"
    if low is not None:
        return f"{'au-dessus de' if low.open else 'au moins'} {_number_fr(low.value)} {unit}"
    if high is not None:
        return f"{'en dessous de' if high.open else 'au plus'} {_number_fr(high.value)} {unit}"
    return f"toute valeur en {unit}"


def ranges_table_fr() -> str:
    rows = [
        "| genre de grandeur | champs nommés | unités | plage plausible "
        "| pourquoi elle s'arrête là |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind in quantity_kinds().kinds:
        reasons = []
        for end, bound in (("plus bas", kind.low), ("plus haut", kind.high)):
            if bound is None:
                continue
            why = word("bound", bound.why, "fr")
            if bound.source is None:
                reasons.append(f"{why} (par définition)")
            else:
                link = f"[{bound.source.publisher}]({bound.source.url})"
                reasons.append(f"{end}\u00a0: {why} ({link})")
        why_here = "\u202f; ".join(dict.fromkeys(reasons))
        rows.append(
            f"| {word('kind', kind.name, 'fr')} | {', '.join(f'`{f}`' for f in kind.fields)} | "
            f"{', '.join(kind.units)} | {_cell(range_text_fr(kind))} | {_cell(why_here)} |"
        )
    return "\n".join(rows)


def codes_table_fr() -> str:
    rows = ["| code | gravité | problème | comment le corriger |", "| --- | --- | --- | --- |"]
    rows += [
        f"| {code} | {SEVERITY_FR[entry.severity]} | {_cell(title(code, 'fr'))} | "
        f"{_cell(hint(code, 'fr'))} |"
        for code, entry in CODES.items()
    ]
    return "\n".join(rows)


TABLES_FR = {
    "| identifiant SPDX |": licence_table_fr,
    "| fichiers | taille maximale |": limits_table_fr,
    "| code | gravité |": codes_table_fr,
    "| genre de grandeur |": ranges_table_fr,
}
TABLES_BY_GUIDE = {GUIDE: TABLES, GUIDE_FR: TABLES_FR}
TEXT_KINDS = {
    GUIDE: r"(Text files \()[^)]*(\) must not)",
    GUIDE_FR: r"(Les fichiers texte \()[^)]*(\) ne doivent pas)",
}


def _replace_table(text: str, header: str, table: str) -> str:
    start = text.index("\n" + header) + 1
    end = text.find("\n\n", start)
    return text[:start] + table + (text[end:] if end != -1 else "\n")


def updated(text: str, guide: Path = GUIDE) -> str:
    for header, make in TABLES_BY_GUIDE[guide].items():
        text = _replace_table(text, header, make())
    return re.sub(TEXT_KINDS[guide], rf"\g<1>{text_kinds()}\g<2>", text)


@pytest.mark.parametrize(
    ("guide", "header"),
    [(guide, header) for guide in GUIDES for header in TABLES_BY_GUIDE[guide]],
    ids=lambda x: x.name if isinstance(x, Path) else x,
)
def test_generated_tables_are_up_to_date(guide: Path, header: str) -> None:
    text = guide.read_text(encoding="utf-8")
    assert TABLES_BY_GUIDE[guide][header]() in text, (
        f"{guide.name} is out of date: run .venv/bin/python -m tests.contrib.test_guide"
    )


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_guide_is_up_to_date_as_a_whole(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    assert updated(text, guide) == text


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_code_and_licence_is_in_the_guide(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    for code in CODES:
        assert f"| {code} |" in text
    for spdx in OPEN_LICENCES:
        assert f"`{spdx}`" in text


def _shell_lines(text: str) -> list[str]:
    """The commands of a guide's ```sh blocks, without their comments."""
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    return [line.split(" #")[0].rstrip() for block in blocks for line in block.splitlines()]


def test_the_french_guide_has_the_english_guide_s_sections() -> None:
    """A section added to one guide is added to the other: as many sections and tables,
    the same shell commands (tests/quality/test_docs_run.py runs the English ones), the
    same commands named, and the same files linked (the French forms for the English)."""
    english, french = (g.read_text(encoding="utf-8") for g in GUIDES)
    for pattern in (r"^#+ ", r"^\| --- "):
        assert len(re.findall(pattern, english, re.MULTILINE)) == len(
            re.findall(pattern, french, re.MULTILINE)
        ), pattern
    assert _shell_lines(english) == _shell_lines(french)
    named = [set(re.findall(r"makelocal [a-z-]+", text)) for text in (english, french)]
    assert named[0] <= named[1]
    links = [
        {link.replace(".fr.yml", ".yml") for link in re.findall(r"\]\(((?!https://)[^)#]+)", text)}
        - {"CONTRIBUTING.md", "CONTRIBUTING.fr.md"}
        for text in (english, french)
    ]
    assert links[0] == links[1]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_command_in_the_guide_exists(guide: Path) -> None:
    parser = build_parser()
    subcommands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    text = guide.read_text("utf-8")
    blocks = "\n".join(re.findall(r"^```sh\n(.*?)^```", text, re.DOTALL | re.MULTILINE))
    commands = re.findall(r"`(?:\.venv/bin/)?makelocal ([^`]*)`", text)
    commands += re.findall(r"\.venv/bin/makelocal ([^#\n&]*)", blocks)
    assert len(commands) >= 10
    for command in commands:
        words = [w for w in shlex.split(command) if not w.startswith("<")]
        words = [w for w in words if not re.fullmatch(r"[A-Z]+|\.\.\.", w)]
        if len(words) == 1:  # the command named in a sentence, such as `makelocal new`
            assert words[0] in subcommands, command
            continue
        try:
            parser.parse_args(words)
        except SystemExit as error:
            pytest.fail(f"`makelocal {command}` in {guide.name} does not parse ({error})")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_files_the_guide_names_exist(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    for name in re.findall(r"\]\(((?!https://|#)[^)]+)\)", text):
        assert (ROOT / name.split("#")[0]).exists(), name


if __name__ == "__main__":
    for guide in GUIDES:
        guide.write_text(updated(guide.read_text(encoding="utf-8"), guide), encoding="utf-8")
        print(f"updated {guide.relative_to(ROOT)}")
