"""The GitHub workflows, templates and hooks: actionlint passes, and the security rules
hold (pinned actions, read-only checks, no pull_request_target, a comment workflow that
never runs the contributor's code)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.contrib.comment import COMMENT_MARKER
from generator.records.loader import parse
from tests.contrib.gitrepo import commit_all, git, init_repo

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*$")
VENV_BIN = Path(sys.executable).parent


def _load(path: Path) -> dict[str, Any]:
    # The project's loader reads YAML 1.2, so the key `on` stays "on" (PyYAML makes it True).
    data = parse(path.read_bytes(), path).data
    assert isinstance(data, dict)
    return data


def _workflow(name: str) -> dict[str, Any]:
    return _load(GITHUB / "workflows" / name)


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _tool(name: str) -> str | None:
    found = VENV_BIN / name
    return str(found) if found.exists() else shutil.which(name)


def test_there_are_the_five_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == [
        "from-issue.yml",
        "pages.yml",
        "pr-check.yml",
        "pr-report-comment.yml",
        "tests.yml",
    ]


def test_the_report_does_not_wait_for_the_test_suite() -> None:
    """The comment is written when the check's workflow ends: the suite runs beside it."""
    assert list(_workflow("pr-check.yml")["jobs"]) == ["check"]
    tests = _workflow("tests.yml")
    assert list(tests["on"]) == ["pull_request"] and tests["permissions"] == {"contents": "read"}
    (step,) = [s for s in _steps(tests) if "run" in s]
    assert step["run"] == "bash .ci/run"


@pytest.mark.skipif(_tool("actionlint") is None, reason="actionlint is not installed")
def test_actionlint_passes() -> None:
    done = subprocess.run(
        [str(_tool("actionlint")), *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(_tool("actionlint") is None, reason="actionlint is not installed")
def test_actionlint_would_catch_a_script_injection(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(_tool("actionlint")), str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "potentially untrusted" in done.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    lines = [line for line in path.read_text("utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert PINNED.match(line), f"not pinned to a full commit SHA with its version: {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_no_workflow_trusts_contributor_code_with_secrets(path: Path) -> None:
    text = path.read_text("utf-8")
    workflow = _load(path)
    assert "pull_request_target" not in workflow["on"]
    assert "secrets." not in text
    assert workflow["permissions"] in (
        {"contents": "read"},
        {"actions": "read", "contents": "read", "pull-requests": "write"},
    )
    for step in _steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_the_check_is_read_only_and_reports_through_an_artifact() -> None:
    check = _workflow("pr-check.yml")
    assert list(check["on"]) == ["pull_request"]
    assert check["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in check["jobs"].values())
    runs = "\n".join(step.get("run", "") for step in _steps(check))
    assert "makelocal pr-report HEAD^1 --format github --save pr-report" in runs
    assert "make site" in runs
    upload = next(
        s for s in _steps(check) if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["if"] == "always()" and upload["with"]["name"] == "pr-report"


def test_the_comment_workflow_never_runs_contributor_code() -> None:
    """It checks out the default branch's code only, runs only the comment module from it,
    and reads the check's artifact as data files."""
    comment = _workflow("pr-report-comment.yml")
    check = _workflow("pr-check.yml")
    assert comment["on"] == {"workflow_run": {"workflows": [check["name"]], "types": ["completed"]}}
    assert comment["permissions"] == {
        "actions": "read",
        "contents": "read",
        "pull-requests": "write",
    }
    steps = _steps(comment)
    (checkout,) = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"] == {
        "ref": "${{ github.event.repository.default_branch }}",
        "path": "trusted",
        "sparse-checkout": "generator",
        "persist-credentials": False,
    }
    assert steps.index(checkout) == 0  # before anything from the pull request is on disk
    (run,) = [s for s in steps if "run" in s]
    assert run["working-directory"] == "trusted"
    assert run["run"].split() == [
        "python3",
        "-E",
        "-s",
        "-m",
        "generator.contrib.comment",
        "../pr-report/report.json",
        "../changed-files.json",
        "--run-url",
        '"$RUN_URL"',
        ">",
        "../comment.md",
    ]
    download = next(s for s in steps if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["name"] == "pr-report" and download["with"]["path"] == "pr-report"
    find, post = _script(comment, "Find"), _script(comment, "Post")
    assert "pull.head.sha !== process.env.HEAD_SHA" in find
    assert "github.rest.pulls.listFiles" in find
    assert f"const marker = '{COMMENT_MARKER}';" in post
    assert "readFileSync('comment.md'" in post and "pr-report/" not in post


def test_pages_deploys_main_with_the_pages_actions() -> None:
    pages = _workflow("pages.yml")
    assert pages["on"]["push"] == {"branches": ["main"]}
    # Rebuilt daily, so that needs past their day move to the expired list on time.
    assert pages["on"]["schedule"] == [{"cron": "17 3 * * *"}]
    uses = [s.get("uses", "").split("@")[0] for s in _steps(pages)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pages_keeps_the_builds_caches_from_run_to_run() -> None:
    """A run restores the last run's .cache/ before it builds, and saves its own: the
    build redoes only what changed (the site/ folder is made anew, and its manifest left
    unread: tests/web/test_incremental.py)."""
    steps = _steps(_workflow("pages.yml"))
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    cache = steps[uses.index("actions/cache")]
    assert cache["with"]["path"] == ".cache"
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    assert "${{ github.run_id }}" in cache["with"]["key"]  # saved anew by every run
    named = next(s for s in steps if s.get("id") == "caches")["run"]
    # Empty again each month, and when the code analysing, reading or making the files or
    # the dependencies change.
    assert "date -u +%Y-%m" in named and "generator/web/derived.py" in named
    assert "generator/analysis/**" in named and "generator/records/**" in named
    assert "pyproject.toml" in named and "steps.caches.outputs.prefix" in cache["with"]["key"]
    build = next(i for i, s in enumerate(steps) if s.get("run") == "make site")
    assert uses.index("actions/cache") < build


# --- the comment workflow's steps, run as the workflow runs them ------------------------

FAKE_GITHUB = r"""
const fs = require('fs');
const state = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const calls = [];
const github = {
  rest: {
    pulls: {
      get: async ({ pull_number }) => ({
        data: { number: pull_number, head: { sha: state.head }, changed_files: state.total },
      }),
      listFiles: 'listFiles',
    },
    issues: {
      listComments: 'listComments',
      updateComment: async (args) => calls.push(['update', args.comment_id, args.body]),
      createComment: async (args) => calls.push(['create', args.issue_number, args.body]),
    },
  },
  paginate: async (what) => (what === 'listFiles' ? state.files : state.comments),
};
const core = {
  setFailed: (m) => calls.push(['failed', m]),
  notice: (m) => calls.push(['notice', m]),
  setOutput: (name, value) => calls.push(['output', name, value]),
};
const context = { repo: { owner: 'o', repo: 'r' } };
Object.assign(process.env, state.env);
const script = fs.readFileSync(state.script, 'utf8');
new (Object.getPrototypeOf(async function () {}).constructor)(
  'require', 'github', 'context', 'core', script,
)(require, github, context, core).then(() => console.log(JSON.stringify(calls)));
"""


def _script(workflow: dict[str, Any], name: str) -> str:
    step = next(s for s in _steps(workflow) if s.get("name", "").startswith(name))
    return str(step["with"]["script"])


def _run_step(workspace: Path, name: str, **state: Any) -> list[list[Any]]:
    """A github-script step of the comment workflow, in `workspace`, with a fake GitHub."""
    (workspace / "script.js").write_text(_script(_workflow("pr-report-comment.yml"), name))
    (workspace / "fake.js").write_text(FAKE_GITHUB, encoding="utf-8")
    state = {"head": "abc", "total": 1, "files": [], "comments": [], "env": {}, **state}
    state["script"] = str(workspace / "script.js")
    (workspace / "state.json").write_text(json.dumps(state), encoding="utf-8")
    done = subprocess.run(
        ["node", "fake.js", "state.json"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return list(json.loads(done.stdout))


def _write_comment(workspace: Path) -> None:
    """The run step: the default branch's comment module (here, this checkout's)."""
    command = _steps(_workflow("pr-report-comment.yml"))
    run = next(s for s in command if "run" in s)["run"].replace("../", f"{workspace}/")
    done = subprocess.run(
        ["bash", "-c", run.replace("python3", shlex.quote(sys.executable))],
        cwd=ROOT,
        env={**os.environ, "RUN_URL": "https://example.org/run"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _artifact(workspace: Path, report: dict[str, Any] | None, number: str = "7") -> None:
    (workspace / "pr-report").mkdir(parents=True, exist_ok=True)
    (workspace / "pr-report/pr-number").write_text(number + "\n")
    if report is not None:
        (workspace / "pr-report/report.json").write_text(json.dumps(report), encoding="utf-8")


def _comment_run(
    workspace: Path, report: dict[str, Any] | None, files: list[str], **state: Any
) -> list[list[Any]]:
    """Every step after the download, as the workflow runs them; the calls to GitHub."""
    _artifact(workspace, report)
    listed = [{"filename": f, "status": "modified"} for f in files]
    env = {"HEAD_SHA": "abc"}
    found = _run_step(workspace, "Find", files=listed, total=len(files), env=env, **state)
    outputs = {c[1]: c[2] for c in found if c[0] == "output"}
    if "number" not in outputs:
        return found
    _write_comment(workspace)
    return _run_step(workspace, "Post", env={"PR_NUMBER": outputs["number"]}, **state)


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
GOOD_REPORT = {
    "base": "abc",
    "errors": 0,
    "warnings": 0,
    "everything_checked": False,
    "changed_files": [{"path": "designs/hook/design.yml", "status": "modified"}],
    "checked_records": ["designs/hook/design.yml"],
    "referencing_records": [],
    "findings": [],
    "designs": [],
    "analysis_errors": [],
}


@needs_node
def test_comment_is_created_then_updated_in_place(tmp_path: Path) -> None:
    (call,) = _comment_run(tmp_path, GOOD_REPORT, ["designs/hook/design.yml"])
    assert call[:2] == ["create", 7]
    assert call[2].startswith(COMMENT_MARKER + "\n## MakeLocal check: Ready for review\n")
    ours = {"id": 99, "user": {"type": "Bot", "login": "github-actions[bot]"}, "body": call[2]}
    theirs = {"id": 5, "user": {"type": "User", "login": "someone"}, "body": COMMENT_MARKER}
    (call,) = _comment_run(
        tmp_path, GOOD_REPORT, ["designs/hook/design.yml"], comments=[theirs, ours]
    )
    assert call[:2] == ["update", 99]


@needs_node
def test_a_report_claiming_success_for_a_config_change_is_not_believed(tmp_path: Path) -> None:
    """The pull request's own code wrote the report; GitHub says mkdocs.yml changed."""
    (call,) = _comment_run(tmp_path, GOOD_REPORT, ["designs/hook/design.yml", "mkdocs.yml"])
    assert "## MakeLocal check: Needs a maintainer's review" in call[2]
    assert "- `mkdocs.yml` (`modified`)" in call[2] and "Every check passed" not in call[2]


@needs_node
def test_comment_refuses_a_report_for_another_commit_or_number(tmp_path: Path) -> None:
    assert _comment_run(tmp_path, GOOD_REPORT, [], head="newer")[0][0] == "notice"
    _artifact(tmp_path, GOOD_REPORT, number="7; rm -rf /")
    found = _run_step(tmp_path, "Find", env={"HEAD_SHA": "abc"})
    assert found[0][0] == "failed"


@needs_node
def test_comment_without_a_report_points_to_the_run(tmp_path: Path) -> None:
    (call,) = _comment_run(tmp_path, None, ["Makefile"])
    assert "the report could not be read" in call[2]
    assert "see https://example.org/run." in call[2] and "- `Makefile` (`modified`)" in call[2]


# --- templates and the pre-commit hook --------------------------------------------------

FORM_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


@pytest.mark.parametrize(
    "path",
    sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml")),
    ids=lambda p: p.name,
)
def test_issue_forms_are_well_formed(path: Path) -> None:
    form = _load(path)
    if path.name == "config.yml":
        assert form == {"blank_issues_enabled": True}
        return
    assert {"name", "description", "body"} <= form.keys()
    ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in FORM_TYPES
        attributes = item["attributes"]
        if item["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert attributes["label"].strip()
        assert re.fullmatch(r"[a-z][a-z0-9_-]*", item["id"])
        if item["type"] == "dropdown":
            assert len(set(attributes["options"])) == len(attributes["options"]) > 1
        if item["type"] == "checkboxes":
            assert all(option["label"] for option in attributes["options"])
        assert isinstance(item.get("validations", {}).get("required", False), bool)


def test_pull_request_template_is_a_short_checklist() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text("utf-8")
    assert 4 <= text.count("- [ ]") <= 8
    assert "makelocal validate --changed" in text


@pytest.mark.skipif(_tool("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_hook_blocks_a_broken_record(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    (repo / ".gitignore").write_text(
        (repo / ".gitignore").read_text("utf-8") + ".venv\n", encoding="utf-8"
    )
    (repo / ".venv").symlink_to(VENV_BIN.parent)  # the project's own tools
    commit_all(repo, "hooks")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def run_hooks() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(_tool("pre-commit")), "run"],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=300,
        )

    material = repo / "catalog/materials/test-plastic.yml"
    material.write_text(material.read_text("utf-8").replace("kind: recycled-feedstock", "kind: x"))
    git(repo, "add", "-A")
    done = run_hooks()
    assert done.returncode == 1
    assert "catalog/materials/test-plastic.yml:4:7: ML104 error" in done.stdout
    git(repo, "checkout", "-q", "HEAD", "--", ".")
    material.write_text(material.read_text("utf-8").replace("Floats in water.", "Floats."))
    git(repo, "add", "-A")
    done = run_hooks()
    assert done.returncode == 0, done.stdout
