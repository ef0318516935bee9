"""The from-issue workflow: its first job runs only the default branch's code with a
read-only token and downloads only what the command names, within limits; its second job
holds the write token and runs nothing of the repository, committing only records and
their files. Both steps run here as the workflow runs them, against a fake curl and a
fake GitHub."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.contrib.forms.reply import REPLY_MARKER
from generator.records.loader import parse

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/from-issue.yml"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _workflow() -> dict[str, Any]:
    data = parse(WORKFLOW.read_bytes(), WORKFLOW).data
    assert isinstance(data, dict)
    return data


def _step(job: str, name: str) -> dict[str, Any]:
    steps = _workflow()["jobs"][job]["steps"]
    return next(s for s in steps if s.get("name", "").startswith(name))


def test_it_runs_on_the_forms_issues_with_least_permissions() -> None:
    workflow = _workflow()
    assert workflow["on"] == {"issues": {"types": ["opened", "edited"]}}
    assert workflow["permissions"] == {"contents": "read"}
    convert, propose = workflow["jobs"]["convert"], workflow["jobs"]["propose"]
    for label in ("'design'", "'make report'", "'need'"):
        assert label in convert["if"]
    assert "github.event.issue.state == 'open'" in convert["if"]
    assert "permissions" not in convert  # read-only, as the workflow's default
    assert propose["needs"] == "convert"
    assert propose["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }


def test_the_job_that_runs_code_checks_out_the_default_branch_only() -> None:
    steps = _workflow()["jobs"]["convert"]["steps"]
    (checkout,) = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"] == {"persist-credentials": False}  # no ref: the default branch
    for step in steps:
        # Issue text reaches a script through the environment, never spliced into it.
        assert "github.event.issue" not in step.get("run", "")
    run = _step("convert", "Make and validate")["run"]
    assert "makelocal from-issue" in run and "--save proposal" in run


def test_the_job_that_writes_runs_nothing_of_the_repository() -> None:
    steps = _workflow()["jobs"]["propose"]["steps"]
    assert [s["uses"].split("@")[0] for s in steps] == [
        "actions/download-artifact",
        "actions/github-script",
    ]
    assert all("run" not in s for s in steps)


# --- the download step, with a fake curl -------------------------------------------------

FAKE_CURL = """#!/bin/sh
# Records its arguments; "downloads" an address ending in /fail by failing half-way.
printf '%s\\n' "$*" >> "$CALLS"
out=""; url=""
while [ $# -gt 0 ]; do
  case "$1" in --output) out="$2"; shift ;; https://*) url="$1" ;; esac
  shift
done
printf 'partial' > "$out"
case "$url" in */fail) exit 22 ;; esac
printf 'content of %s' "$url" > "$out"
"""


def test_the_download_fetches_only_what_the_command_names_within_limits(tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    (bin_folder).mkdir()
    curl = bin_folder / "curl"
    curl.write_text(FAKE_CURL, encoding="utf-8")
    curl.chmod(curl.stat().st_mode | stat.S_IEXEC)
    makelocal = tmp_path / ".venv/bin/makelocal"
    makelocal.parent.mkdir(parents=True)
    # The command's answer for this issue: two attachments, one that fails.
    makelocal.write_text(
        "#!/bin/sh\nprintf 'aaa\\thttps://github.com/user-attachments/files/1/a.zip\\n"
        "bbb\\thttps://github.com/user-attachments/files/2/fail\\n'\n",
        encoding="utf-8",
    )
    makelocal.chmod(makelocal.stat().st_mode | stat.S_IEXEC)
    runner = tmp_path / "runner"
    runner.mkdir()
    env = {
        **os.environ,
        "PATH": f"{bin_folder}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner),
        "CALLS": str(tmp_path / "calls"),
    }
    script = _step("convert", "Download the attachments")["run"]
    done = subprocess.run(
        ["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (runner / "attachments").iterdir()) == ["aaa"]
    calls = (tmp_path / "calls").read_text("utf-8").splitlines()
    assert len(calls) == 2
    for call in calls:
        for limit in ("--proto =https", "--proto-redir =https", "--max-filesize 26214400"):
            assert limit in call
        assert "--fail" in call and "--max-time" in call


# --- the writing job's script, with a fake GitHub ----------------------------------------

FAKE_GITHUB = r"""
const fs = require('fs');
const state = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const calls = [];
const answering = (name, data) => async (args) => {
  calls.push([name, args]);
  return { data };
};
const record = (name) => answering(name, {});
const notFound = async (args) => {
  calls.push(['git.getRef', args]);
  if (args.ref === `heads/${state.base}`) return { data: { object: { sha: 'base-sha' } } };
  if (state.branchHead) return { data: { object: { sha: 'branch-sha' } } };
  const error = new Error('Not Found'); error.status = 404; throw error;
};
const github = {
  rest: {
    git: {
      getRef: notFound,
      getCommit: async (args) => {
        calls.push(['git.getCommit', args]);
        if (args.commit_sha === 'branch-sha') {
          return { data: { author: { name: state.branchHead } } };
        }
        return { data: { sha: 'base-sha', tree: { sha: 'base-tree' } } };
      },
      createBlob: answering('git.createBlob', { sha: 'blob-sha' }),
      createTree: record('git.createTree'),
      createCommit: answering('git.createCommit', { sha: 'new-sha' }),
      createRef: record('git.createRef'),
      updateRef: record('git.updateRef'),
    },
    pulls: {
      list: answering('pulls.list', state.open || []),
      create: answering('pulls.create', { number: 77 }),
      update: record('pulls.update'),
    },
    issues: {
      listComments: 'listComments',
      updateComment: record('issues.updateComment'),
      createComment: record('issues.createComment'),
    },
  },
  paginate: async () => state.comments || [],
};
const core = { setFailed: (m) => calls.push(['failed', m]) };
const context = { repo: { owner: 'o', repo: 'r' } };
Object.assign(process.env, state.env);
const script = fs.readFileSync(state.script, 'utf8');
new (Object.getPrototypeOf(async function () {}).constructor)(
  'require', 'github', 'context', 'core', script,
)(require, github, context, core).then(() => console.log(JSON.stringify(calls)));
"""


def _propose(
    workspace: Path, proposal: dict[str, Any], files: dict[str, bytes], **state: Any
) -> list[Any]:
    """The writing job's script run in `workspace` on an artifact; the calls to GitHub."""
    folder = workspace / "proposal"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reply.md").write_text(f"{REPLY_MARKER}\nthe reply\n", encoding="utf-8")
    (folder / "proposal.json").write_text(json.dumps(proposal), encoding="utf-8")
    for name, data in files.items():
        (folder / "files" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "files" / name).write_bytes(data)
    (workspace / "script.js").write_text(_step("propose", "Open or update")["with"]["script"])
    (workspace / "fake.js").write_text(FAKE_GITHUB, encoding="utf-8")
    env = {"ISSUE_NUMBER": "12", "AUTHOR_LOGIN": "amina-n", "AUTHOR_ID": "4242", "BASE": "main"}
    state = {"base": "main", "env": env, "script": str(workspace / "script.js"), **state}
    (workspace / "state.json").write_text(json.dumps(state), encoding="utf-8")
    done = subprocess.run(
        ["node", "fake.js", "state.json"], cwd=workspace, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


GOOD = {
    "ok": True,
    "record_type": "design",
    "record_id": "wall-hook",
    "title": "Wall hook\nfor tools",
    "files": ["designs/wall-hook/design.yml", "designs/wall-hook/parts/hook.stl"],
}
GOOD_FILES = {
    "designs/wall-hook/design.yml": b"id: wall-hook\n",
    "designs/wall-hook/parts/hook.stl": b"\0" * 84,
}


@needs_node
def test_a_proposal_becomes_a_branch_a_commit_and_a_pull_request(tmp_path: Path) -> None:
    calls = _propose(tmp_path, GOOD, GOOD_FILES)
    names = [c[0] for c in calls]
    assert names == [
        "git.getRef",  # the branch: not there yet
        "git.getRef",
        "git.getCommit",
        "git.createBlob",
        "git.createBlob",
        "git.createTree",
        "git.createCommit",
        "git.createRef",
        "pulls.list",
        "pulls.create",
        "issues.createComment",
    ]
    tree = dict(calls)["git.createTree"]
    assert [entry["path"] for entry in tree["tree"]] == GOOD["files"]
    assert tree["base_tree"] == "base-tree"
    commit = dict(calls)["git.createCommit"]
    assert commit["message"] == (
        "Design: Wall hook for tools\n\nFrom #12.\n\n"
        "Co-authored-by: amina-n <4242+amina-n@users.noreply.github.com>"
    )
    assert dict(calls)["git.createRef"]["ref"] == "refs/heads/from-issue-12"
    pull = dict(calls)["pulls.create"]
    assert pull["head"] == "from-issue-12" and pull["base"] == "main"
    assert pull["body"] == f"{REPLY_MARKER}\nthe reply\n"
    assert "now pull request #77" in dict(calls)["issues.createComment"]["body"]


@needs_node
def test_an_edited_issue_updates_its_branch_and_pull_request(tmp_path: Path) -> None:
    calls = _propose(
        tmp_path, GOOD, GOOD_FILES, branchHead="github-actions[bot]", open=[{"number": 77}]
    )
    names = [c[0] for c in calls]
    assert "git.updateRef" in names and "git.createRef" not in names
    assert dict(calls)["git.updateRef"]["force"] is True
    assert "pulls.update" in names and "pulls.create" not in names


@needs_node
def test_a_branch_changed_by_hand_is_never_overwritten(tmp_path: Path) -> None:
    calls = _propose(tmp_path, GOOD, GOOD_FILES, branchHead="A Maintainer")
    names = [c[0] for c in calls]
    assert not {"git.createCommit", "git.updateRef", "pulls.update"} & set(names)
    assert "changed by hand" in dict(calls)["issues.createComment"]["body"]


@needs_node
def test_problems_are_the_reply_and_nothing_is_committed(tmp_path: Path) -> None:
    calls = _propose(tmp_path, {"ok": False, "files": []}, {})
    assert [c[0] for c in calls] == ["issues.createComment"]
    assert calls[0][1]["body"] == f"{REPLY_MARKER}\nthe reply\n"
    ours = {"id": 9, "user": {"type": "Bot", "login": "github-actions[bot]"}, "body": REPLY_MARKER}
    calls = _propose(tmp_path, {"ok": False, "files": []}, {}, comments=[ours])
    assert [c[0] for c in calls] == ["issues.updateComment"] and calls[0][1]["comment_id"] == 9


@needs_node
@pytest.mark.parametrize(
    "path",
    [
        ".github/workflows/evil.yml",
        "generator/cli/__init__.py",
        "designs/../.github/workflows/evil.yml",
        "designs/x/../../Makefile",
        "/etc/passwd",
    ],
)
def test_a_file_outside_the_records_is_never_committed(tmp_path: Path, path: str) -> None:
    proposal = {**GOOD, "files": [*GOOD["files"], path]}
    calls = _propose(tmp_path, proposal, GOOD_FILES)
    assert [c[0] for c in calls] == ["failed"]
