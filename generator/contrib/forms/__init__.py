"""From an issue form to records: `makelocal from-issue`.

A contributor without git fills in one of the issue forms in .github/ISSUE_TEMPLATE/
(propose a design, report a make, post a need); the from-issue workflow downloads the
files attached to the issue and runs `makelocal from-issue` on its body, which writes the
record(s) and files into the repository, validates them, and prints either the pull
request's description or a reply listing each problem in plain words.

The stages, each a small module: `body` reads the issue body into answers by the form's
labels, `attachments` finds the downloaded files and opens zips within bounds, `answers`
turns text into field values (choices, names of records, lists), `design`, `make` and
`need` build each record, `proposal` writes and validates it, `reply` words the outcome.
Nothing here touches the network: the workflow downloads the attachments.
"""
