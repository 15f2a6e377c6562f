"""The contribution machinery: the GitHub Actions workflows (parsed and checked step by step, as far as they
can be without GitHub), the pre-commit hooks (run for real, offline, in a throwaway repository), and the
issue and pull-request templates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
ACTION_VERSIONS = {"actions/checkout": "v4", "actions/setup-python": "v5", "actions/setup-node": "v4",
                   "actions/upload-artifact": "v4", "actions/upload-pages-artifact": "v3",
                   "actions/deploy-pages": "v4", "actions/cache": "v4"}


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(job: dict) -> list[dict]:
    return job["steps"]


def step_using(job: dict, action: str) -> dict:
    found = [s for s in steps(job) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"{action} should be used once"
    return found[0]


def index_of_run(job: dict, pattern: str) -> int:
    found = [i for i, s in enumerate(steps(job)) if re.search(pattern, s.get("run", ""))]
    assert found, f"no step runs {pattern!r}"
    return found[0]


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_every_action_is_pinned_to_its_major_version_and_every_step_is_named(name):
    workflow = load(name)
    for job in workflow["jobs"].values():
        for step in steps(job):
            assert step.get("name"), step
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert ACTION_VERSIONS.get(action) == version, step["uses"]
            else:
                assert step.get("run"), step


def test_pull_request_workflow_validates_builds_checks_links_tests_and_uploads_the_site():
    workflow = load("pull-request.yml")
    assert "pull_request" in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert "permissions" not in job
    assert step_using(job, "actions/setup-python")["with"]["python-version"] == "3.11"
    step_using(job, "actions/setup-node")
    order = [index_of_run(job, r"^make deps$"),
             index_of_run(job, r"oerkit validate .*--format github"),
             index_of_run(job, r"^make build$"),
             index_of_run(job, r"linkchecker -f tests/linkcheckerrc .*site/index\.html"),
             index_of_run(job, r"^make test$")]
    assert order == sorted(order) and steps(job)[order[0]]["name"]
    assert step_using(job, "actions/checkout") is steps(job)[0]
    upload = step_using(job, "actions/upload-artifact")
    assert steps(job).index(upload) > order[-1]
    assert upload["with"]["path"].rstrip("/") == "site"  # the site with its downloads (SCORM, EPUB, quiz banks)
    assert "cancelled()" in upload["if"]  # reviewers get a preview even when a test fails
    assert_export_cache_restored_before_the_build(job)


def assert_export_cache_restored_before_the_build(job):
    """Pull requests and publication start from the exports earlier builds made (build/cache)."""
    cache = step_using(job, "actions/cache")
    assert cache["with"]["path"].split() == ["build/cache", "build/check-cache.pickle", "build/jinja-cache"]
    assert cache["with"]["restore-keys"]
    assert steps(job).index(cache) < index_of_run(job, r"^make build$")


def test_publish_workflow_builds_main_and_deploys_to_pages_with_minimal_permissions():
    workflow = load("publish.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert step_using(build, "actions/setup-python")["with"]["python-version"] == "3.11"
    step_using(build, "actions/setup-node")
    assert index_of_run(build, r"^make build$") < steps(build).index(step_using(build, "actions/upload-pages-artifact"))
    assert step_using(build, "actions/upload-pages-artifact")["with"]["path"].rstrip("/") == "site"
    assert_export_cache_restored_before_the_build(build)
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert step_using(deploy, "actions/deploy-pages")["id"] in deploy["environment"]["url"]
    assert workflow["concurrency"]["cancel-in-progress"] is False  # never cut a deployment in half


def test_make_targets_the_workflows_call_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("deps", "build", "test"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert (REPO / "tests" / "linkcheckerrc").is_file()


# --- pre-commit ---------------------------------------------------------------------------------------

def test_pre_commit_hooks_are_local_and_run_from_the_project_environment():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {repo["repo"] for repo in config["repos"]} == {"local"}
    assert set(hooks) == {"check-yaml", "oerkit-validate", "ruff"}
    for hook in hooks.values():
        assert hook["language"] == "system"
        program = hook["entry"].split()[0]
        assert program.startswith(".venv/bin/"), program
        assert (REPO / program).exists(), f"{program} is not installed: `make build` installs it"
    assert "validate --changed" in hooks["oerkit-validate"]["entry"]
    assert hooks["oerkit-validate"]["pass_filenames"] is False
    pre_commit = Path(sys.executable).with_name("pre-commit")
    check = subprocess.run([str(pre_commit), "validate-config", ".pre-commit-config.yaml"], cwd=REPO,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture
def hooked_repo(project, tmp_path):
    """The mini project with this repository's hooks, as a git repository with one commit."""
    root = project.root
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / ".github" / "scripts").mkdir(parents=True)
    shutil.copy(REPO / ".github" / "scripts" / "check_yaml.py", root / ".github" / "scripts")
    (root / ".venv").symlink_to(REPO / ".venv")
    (root / ".gitignore").write_text(".venv\n")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="Test",
               GIT_AUTHOR_EMAIL="test@example.org", GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)
    pre_commit = Path(sys.executable).with_name("pre-commit")

    def run(*files: str) -> subprocess.CompletedProcess:
        subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
        return subprocess.run([str(pre_commit), "run", "--files", *files], cwd=root, env=env,
                              capture_output=True, text=True, timeout=600)
    project.run_hooks = run
    return project


def test_pre_commit_hooks_pass_on_a_good_change_and_stop_a_broken_one_offline(hooked_repo):
    project = hooked_repo
    project.replace("learning_outcomes/A.yaml", "Apply a simple checklist.", "Apply a simple checklist to a case.")
    good = project.run_hooks("learning_outcomes/A.yaml")
    assert good.returncode == 0, good.stdout
    assert re.search(r"YAML syntax and duplicate keys\.+Passed", good.stdout)
    assert re.search(r"oerkit validate .*\.+Passed", good.stdout)

    project.replace("learning_outcomes/A.yaml", "competences: [C2]", "competences: [C9]")
    project.write("curriculum/glossary/extra.yaml", "terms:\n  - id: a\n    id: b\n")
    bad = project.run_hooks("learning_outcomes/A.yaml", "curriculum/glossary/extra.yaml")
    assert bad.returncode == 1
    assert "curriculum/glossary/extra.yaml:3:5: error: duplicate key 'id' in the same mapping" in bad.stdout
    assert "learning_outcomes/A.yaml:" in bad.stdout and "unknown competence 'C9'" in bad.stdout


def test_yaml_check_accepts_mkdocs_tags_and_reports_syntax_errors_with_their_line(tmp_path):
    script = REPO / ".github" / "scripts" / "check_yaml.py"
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: ok\nlist: [a, b\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(REPO / "mkdocs.yml"), str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{bad}:3:1: error: YAML syntax error") and "mkdocs.yml" not in result.stdout


# --- templates -----------------------------------------------------------------------------------------

def test_pull_request_template_carries_the_review_checklist():
    template = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for heading in ("Accuracy and sources", "Outcomes aligned", "Accessibility", "Licence of media"):
        assert f"**{heading}**" in template
    assert template.count("- [ ]") >= 10


def test_issue_forms_are_valid_forms():
    forms = sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert {f.name for f in forms} >= {"config.yml", "content-error.yml", "proposal.yml", "translation.yml"}
    for form in forms:
        data = yaml.safe_load(form.read_text(encoding="utf-8"))
        if form.name == "config.yml":
            continue
        assert data["name"] and data["description"] and data["body"], form.name
        ids = [field["id"] for field in data["body"] if "id" in field]
        assert len(ids) == len(set(ids)), form.name
        assert any(field.get("validations", {}).get("required") for field in data["body"]), form.name
