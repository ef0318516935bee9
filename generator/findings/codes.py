"""Every finding code, with its severity and the hint a contributor needs to fix it.

Codes are stable: a code is never reused for another meaning. The contributor guide's
table of codes is generated from this table, so it is documented in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
# How a clone runs the command line once `make setup` has made .venv/: a message that tells
# a contributor what to run writes it so, to be pasted as it is (`makelocal` alone is on
# no PATH unless the environment is activated).
LOCAL_COMMAND = ".venv/bin/makelocal"


@dataclass(frozen=True)
class Code:
    severity: Severity
    title: str
    hint: str


CODES: dict[str, Code] = {
    # Reading the file (ML0xx)
    "ML001": Code(
        "error", "File is not UTF-8", "Save the file as UTF-8 (most editors: 'Save with encoding')."
    ),
    "ML002": Code(
        "error",
        "File too large",
        "Records are short text; move long prose to fewer words or split the record.",
    ),
    "ML003": Code(
        "error",
        "YAML syntax error",
        "Check indentation and colons on this line and the one before; quote text "
        "that contains ': ' or starts with a special character.",
    ),
    "ML004": Code(
        "error", "Tab in indentation", "YAML indents with spaces only: replace the tab with spaces."
    ),
    "ML005": Code(
        "error",
        "Duplicate key",
        "Each key may appear once in a mapping: merge the two entries or rename one.",
    ),
    "ML006": Code(
        "error",
        "Anchor, alias or merge key",
        "Write the value out in full instead of using &anchor, *alias or <<.",
    ),
    "ML007": Code(
        "error",
        "YAML tag not allowed",
        "Remove the tag (the part starting with ! or !!); records hold only plain "
        "text, numbers, true/false, lists and mappings.",
    ),
    "ML008": Code(
        "error",
        "Empty file",
        "Fill in the record, starting from `makelocal new` or an existing record.",
    ),
    "ML009": Code(
        "error", "Nesting too deep", "Records are at most a few levels deep: flatten it."
    ),
    "ML010": Code(
        "error",
        "Number out of range",
        "Use a number of reasonable size, or quote it if it is text.",
    ),
    "ML011": Code(
        "error",
        "More than one YAML document",
        "Keep one record per file: remove the `---` line and split the file.",
    ),
    "ML012": Code(
        "error", "File cannot be read", "Check the file's permissions and that it exists."
    ),
    "ML013": Code(
        "error",
        "Symbolic link",
        "Commit the file itself, not a link to it: links can point outside the repository.",
    ),
    "ML014": Code(
        "warning",
        "No schema comment",
        "Start the file with `# yaml-language-server: $schema=<path to the schema>` so "
        "that editors check it while you type.",
    ),
    "ML015": Code("error", "Key is not text", "Keys are field names: write them as plain text."),
    "ML016": Code(
        "error",
        "Record in an unknown place",
        "Put materials, processes and makers in catalog/<type>/<id>.yml, make reports "
        "in catalog/makes/<id>.yml and designs in designs/<id>/design.yml.",
    ),
    "ML017": Code(
        "error",
        "File name not allowed",
        "Rename the file with letters, digits, hyphens, underscores and dots, saved as "
        "UTF-8: no control or invisible formatting characters, no backslash or any of "
        '< > : " | ? *, and no name Windows keeps for a device (con, prn, aux, nul, com1, '
        "lpt1 and the like, with any extension), so that it opens on every system.",
    ),
    "ML018": Code(
        "error",
        "Not a regular file",
        "Replace the FIFO, device or socket with the file itself: git stores none of them, "
        "so it was made on this computer, and reading it could wait forever.",
    ),
    "ML019": Code(
        "error",
        "Record file ends in .yaml",
        "Rename the file to end in .yml (design.yml for a design): only .yml files are read "
        "as records, so this one is neither checked nor published.",
    ),
    # Schema (ML1xx)
    "ML101": Code(
        "error",
        "Missing field",
        "Add the field; the schema's description (shown in editors) says what it holds.",
    ),
    "ML102": Code(
        "error", "Unknown field", "Check the spelling against the schema, or remove the field."
    ),
    "ML103": Code(
        "error",
        "Wrong type",
        "Give the kind of value the field expects; quote text that looks like a "
        "number or a date (version: '1.0').",
    ),
    "ML104": Code("error", "Value not allowed", "Use one of the values the field allows."),
    "ML105": Code(
        "error", "Wrong format", "Write the value in the expected form (see the schema's examples)."
    ),
    "ML106": Code("error", "Out of range", "Give a value inside the allowed range."),
    "ML107": Code(
        "error", "Wrong length or count", "Shorten or lengthen the text or list to fit the limits."
    ),
    "ML108": Code(
        "error", "Does not match the schema", "Compare with the schema's examples for this field."
    ),
    # Across records (ML2xx)
    "ML201": Code("error", "Duplicate id", "Ids must be unique: rename one of the records."),
    "ML202": Code(
        "error",
        "Id differs from file name",
        "Make `id` equal to the file name without .yml (for a design, its folder name).",
    ),
    "ML203": Code(
        "error",
        "Unknown reference",
        "Use the id of an existing record (see the catalog/ folder), or add that record "
        "in the same pull request.",
    ),
    "ML204": Code(
        "error",
        "Unknown source",
        "Add the reference to the record's `references` list, or fix the id.",
    ),
    "ML205": Code(
        "error",
        "File not found",
        "Add the file to the design folder, or fix the path (it is relative to the "
        "folder holding design.yml).",
    ),
    "ML206": Code(
        "error",
        "Path leaves the design folder",
        "Keep every file of a design inside its own folder, and use relative paths without `..`.",
    ),
    "ML207": Code("error", "Linked file", "Commit the file itself, not a symbolic link to it."),
    "ML208": Code(
        "error",
        "Licence not open",
        "Use an open licence from the allowed list (CONTRIBUTING.md), written as an "
        "SPDX id such as CERN-OHL-S-2.0 or CC-BY-4.0.",
    ),
    "ML209": Code("error", "Address is not https", "Use an https:// address."),
    "ML210": Code(
        "error",
        "Range upside down or incomplete",
        "Give either `value`, or both `min` and `max` with min <= max.",
    ),
    "ML211": Code("error", "Duplicate part id", "Each part of a design needs its own id."),
    "ML212": Code("error", "Unknown part", "Use the id of one of the design's parts."),
    "ML213": Code(
        "warning",
        "Process not listed for material",
        "Choose a material whose record lists this process, or add the process (with "
        "its sources) to the material's record.",
    ),
    "ML214": Code(
        "warning", "Unused reference", "Cite the reference from a `source` field, or remove it."
    ),
    "ML215": Code(
        "error",
        "Heating a do-not-heat material",
        "This material must not be heated (see its safety notes): choose another "
        "material or a process without heat.",
    ),
    "ML216": Code(
        "error",
        "Design derived from itself",
        "Point `derived_from` at the design this one was based on, not at itself.",
    ),
    "ML217": Code(
        "error",
        "Part is an alternative to itself",
        "Name in `alternative_to` the other part this one can replace, or remove the field.",
    ),
    "ML218": Code(
        "warning",
        "Process says no design uses it, yet one does",
        "Remove `no_designs_reason` from the process record: designs use the process now.",
    ),
    "ML219": Code(
        "error",
        "File name is not an id",
        "Rename the file (for a design, its folder) to the record's id: lower-case letters, "
        "digits and single hyphens, such as recycled-pa6.yml; keep the id as it is if it is "
        "already in that form.",
    ),
    "ML220": Code(
        "error",
        "Value outside its plausible range",
        "Check the number and its unit against the source: the message names the range and "
        "why (the contributor guide lists every range), and often the value meant. If the "
        "source really says so, tell us in the pull request: the range is then wrong.",
    ),
    "ML221": Code(
        "error",
        "Unit does not suit the quantity",
        "Give the quantity in one of the units the message names (the contributor guide "
        "lists the unit of every kind of quantity), converting the value if need be.",
    ),
    "ML222": Code(
        "error",
        "Original design not openly licensed",
        "A design may derive only from an original under an open licence: name the "
        "original's licence in `derived_from` (`licence`), and if it is non-commercial or "
        "no-derivatives, ask its authors for an open one or start from an open design.",
    ),
    "ML223": Code(
        "warning",
        "Print settings for a part that is not printed",
        "Print settings are for parts printed by FDM: remove them from this part (or from "
        "the design, if none of its parts is printed), or check the part's process.",
    ),
    # Parts (ML3xx)
    "ML301": Code(
        "error",
        "STL part cannot be read",
        "Re-export the part as a binary STL from its source file (OpenSCAD, FreeCAD, "
        "your CAD tool), check it opens in a slicer, and commit it again.",
    ),
    "ML302": Code(
        "error",
        "File type not published",
        "Export the file as one of the types listed in the message (a source as .scad, "
        ".FCStd, .step, .dxf, .svg or .pdf; a picture as PNG, JPEG or WebP); put anything "
        "else, such as notes, in the record's text.",
    ),
    "ML303": Code(
        "error",
        "Script or outside reference in a file",
        "Export the drawing or document again from your CAD or drawing program as a plain "
        "file (Inkscape: Save As > Plain SVG; a PDF: print to PDF), without scripts, links "
        "to other files or embedded programs.",
    ),
    "ML304": Code(
        "error",
        "File is not what its name says",
        "Give the file the extension of what it is (and the matching `format`), or export "
        "it again in the format its name says.",
    ),
    "ML305": Code(
        "error",
        "Image too large",
        "Scale the picture down (2000 px wide is plenty for the site) and save it again.",
    ),
    "ML306": Code(
        "error",
        "Part file does not suit its process",
        "Give a part printed, moulded or formed as an STL mesh, and a part cut or sewn from "
        "sheet as its 1:1 outline (SVG or DXF); or choose the process the file is for.",
    ),
    "ML307": Code(
        "error",
        "Outline cannot be read",
        "Export the outline again at 1:1, with its units (an SVG with width and height in "
        "mm or in; a DXF with its drawing units set), every outline closed, and no text or "
        "marks; or state a DXF's units in the part's `units` field.",
    ),
    "ML308": Code(
        "error",
        "Design folder too large",
        "Keep a design's folder under the size in the message: export STLs as binary with "
        "fewer faces, scale photos down, and publish very large sources elsewhere with a "
        "link in the description.",
    ),
    # Contributions: files in a change, and text a skeleton or a browser may leave (ML4xx)
    "ML401": Code(
        "error",
        "Symbolic link in the change",
        "Commit the file itself, not a link to it: a link can point outside the "
        "repository, and the site builder would publish its target.",
    ),
    "ML402": Code(
        "error",
        "File too large",
        "Make the file smaller: export the STL as binary with fewer faces, resize photos "
        "to at most 2000 px wide, split long records; publish very large sources "
        "elsewhere and link them.",
    ),
    "ML403": Code(
        "error",
        "Binary data in a text file",
        "This kind of file must be plain UTF-8 text: save it again from a text editor, "
        "or commit the binary file under its own extension.",
    ),
    "ML404": Code(
        "error",
        "Generated file in the change",
        "This file is made by the build (`make site`), not by hand: take it out of the "
        "change with `git rm --cached <file>` and change its source instead.",
    ),
    "ML405": Code(
        "error",
        "Raw HTML in text",
        "Write Markdown instead of HTML: the site shows HTML tags as plain text, and "
        "they can carry scripts. Use `**bold**`, `[text](https://...)` and lists.",
    ),
    "ML406": Code(
        "error",
        "Character written as a reference",
        "Type the character itself (records are UTF-8): references such as &#106; or "
        "&colon; can hide a link's real target from review.",
    ),
    "ML407": Code(
        "error",
        "Placeholder not filled in",
        "Replace the TODO left by `makelocal new` with the real content; the comment "
        "above the field says what it holds.",
    ),
    "ML408": Code(
        "warning",
        "List run into one line",
        "Put each item of a list on a line of its own, in a literal block (`text: |`): in a "
        "folded block (`text: >`) YAML joins the lines, and the page shows the items run "
        "together in one paragraph.",
    ),
    # Evidence, make reports and lineage (ML5xx)
    "ML501": Code(
        "warning",
        "Lab test without a standard",
        "Name the standard tested against in `standard` (for example EN 166); without "
        "it the test is shown but does not move the design up the evidence ladder.",
    ),
    "ML502": Code(
        "warning",
        "Maturity not backed by records",
        "Add an `evidence` entry or a make report (catalog/makes/<id>.yml) that shows "
        "it, or lower `maturity` to what the records show.",
    ),
    "ML503": Code(
        "error",
        "Designs derive from each other in a circle",
        "A design derives from an earlier one: remove the `derived_from` link that "
        "closes the circle.",
    ),
    "ML504": Code(
        "warning",
        "Make report used another process",
        "If the design was made another way, set `outcome: worked-with-changes` and say "
        "how in `changes`; otherwise give the process of the design's parts.",
    ),
    # Needs and makers' capacity (ML6xx)
    "ML601": Code(
        "error",
        "Need names neither a design nor a category",
        "Say what is needed: give `design` (the id of a design that would do) or `category` "
        "(a kind of product, when any design of it would do), not both.",
    ),
    "ML602": Code(
        "error",
        "Personal contact details",
        "Records are public: remove the e-mail address, phone number or personal messaging "
        "link. A need is answered through a maker profile (`contact.maker`), an "
        "organisation's public page or contact form (`contact.url`), or the repository's "
        "issues (`contact.issues: true`).",
    ),
    "ML603": Code(
        "error",
        "No single contact route",
        "Give exactly one of `contact.maker`, `contact.url` or `contact.issues: true`, so a "
        "maker knows where to answer.",
    ),
    "ML604": Code(
        "error",
        "Needed before it was posted",
        "Make `needed_by` a day after `posted` (both YYYY-MM-DD); check the year and that "
        "the month comes before the day.",
    ),
    "ML605": Code(
        "error",
        "Capacity for nothing named, or for several things",
        "Give each capacity entry exactly one of `design`, `category` or `process`: what "
        "the number of units a week counts.",
    ),
    "ML606": Code(
        "warning",
        "Need asks for what its design does not use",
        "Name only processes and materials the design's parts use (see its page), or "
        "leave `processes` and `materials` out: as written, no maker can answer it.",
    ),
    # Translations (ML7xx)
    "ML701": Code(
        "error",
        "Translation of no record",
        "Name a translation after the record it translates, beside it: "
        "catalog/<kind>/<id>.fr.yml, or designs/<id>/design.fr.yml; remove the translation "
        "of a record that was removed.",
    ),
    "ML702": Code(
        "error",
        "Translation in a language not published",
        "Name the file with the language it is in (design.fr.yml for French), give the same "
        "`language`, and translate only into a language the site publishes (the message "
        "names them).",
    ),
    "ML703": Code(
        "error",
        "Translated field the record does not have",
        "Translate only the fields the English record has: remove this one, or add it to the "
        "English record (in the same pull request) first.",
    ),
    "ML704": Code(
        "error",
        "Translation shaped unlike its record",
        "Give the translation the English record's structure: the same field names, text "
        "where the English has text, and lists with as many items in the same order (with "
        "the English items' ids, where they have one).",
    ),
    "ML705": Code(
        "error",
        "Translation changes a number or unit",
        "Keep every number and unit of the English text: write them in French with a "
        "decimal comma and a space before the unit (0,8 mm, 15 %), and quantities as digits "
        "where the English has digits.",
    ),
    "ML706": Code(
        "error",
        "Translation changes a link or code",
        "Keep every link target and every `code` span (file names, parameters) exactly as "
        "in the English; translate only the words of a link.",
    ),
    "ML707": Code(
        "error",
        "Reviewed translation without its reviewer",
        "Name the fluent speaker who reviewed the translation in `reviewed_by`, or leave "
        "`status: translated`: readers then see it marked as not yet reviewed.",
    ),
    "ML708": Code(
        "warning",
        "English changed since the translation",
        "Compare the translation with the English as it is now, update what changed, then "
        "set `translated_from` to the fingerprint the message gives (readers see the "
        "translation marked as possibly out of date until then).",
    ),
    "ML709": Code(
        "warning",
        "Decimal point in French text",
        "French writes decimals with a comma: 0,8 mm, not 0.8 mm.",
    ),
    "ML710": Code(
        "warning",
        "Text left in English",
        "Translate the text, or remove the field from the translation: readers then see the "
        "English, marked as such, instead of English presented as the translation.",
    ),
}
