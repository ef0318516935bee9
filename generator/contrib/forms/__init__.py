"""From an issue form to records: `makelocal from-issue`.

A contributor without git fills in one of the issue forms in .github/ISSUE_TEMPLATE/
(propose a design, report a make, post a need); the from-issue workflow downloads the
files attached to the issue and runs `makelocal from-issue` on its body, which writes the
record(s) and files into the repository, validates them, and prints either the pull
request's description or a reply listing each problem in plain words.

The stages, each a small module: `body` reads the issue body by the form's labels, `form`
loads the forms and turns the answers into typed values (choices, dates, numbers), `names`
and `records` match what a contributor wrote to the catalogue's records, `attachments`
finds the downloaded files and opens zips within bounds, `photos` and `uploads` make the
files fit to publish, `design`, `make` and `need` build each record, `proposal` writes and
validates it, `reply` words the outcome and `convert` runs them in order. Nothing here
touches the network: the workflow downloads the attachments.
"""
