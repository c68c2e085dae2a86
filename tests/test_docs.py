"""The README stays short and true, docs/rules.md matches the catalogue, and every link in
the documentation leads somewhere."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_mplint

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, ROOT / "rules" / "README.md", EXAMPLES / "policies" / "README.md", *DOCS]
REGENERATE = "mplint rules --isolated --format markdown > docs/rules.md"


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_readme_is_read_in_minutes():
    assert len(text(README).splitlines()) <= 300


def test_docs_rules_md_is_generated_from_the_catalogue():
    generated = run_mplint("rules", "--isolated", "--format", "markdown")
    assert generated.code == 0, generated.err
    if text(ROOT / "docs" / "rules.md") != generated.out:
        pytest.fail(f"docs/rules.md is stale; regenerate it with `{REGENERATE}`", pytrace=False)


def test_every_rule_has_an_anchor_in_docs_rules_md():
    rules = run_mplint("rules", "--isolated", "--format", "json").json()
    anchors = anchors_of(ROOT / "docs" / "rules.md")
    assert {rule["id"].lower() for rule in rules} <= anchors


def anchors_of(page: Path) -> set[str]:
    """Explicit `<a id>` anchors and GitHub's slugs of the page's headings."""
    content = re.sub(r"```.*?```", "", text(page), flags=re.S)
    anchors = set(re.findall(r'<a id="([^"]+)">', content))
    for heading in re.findall(r"^#+ (.+)$", content, flags=re.M):
        anchors.add(re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-"))
    return anchors


def links(page: Path) -> list[str]:
    content = re.sub(r"```.*?```|`[^`\n]*`", "", text(page), flags=re.S)
    return re.findall(r"\]\(([^)\s]+)\)", content)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_local_link_leads_somewhere(page: Path):
    for link in links(page):
        if re.match(r"[a-z]+:", link):
            continue  # an external URL
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{page.name}: {link} does not exist"
        if anchor:
            assert anchor in anchors_of(path), f"{page.name}: no anchor #{anchor} in {target}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_of_the_repository_the_docs_name_exists(page: Path):
    """A module, test or script named in the docs (`mplint/schema_gate.py`) is still there."""
    named = re.findall(
        r"`((?:mplint|tests|benchmarks|schemas|rules|examples|docs)/[\w./-]+)", text(page)
    )
    missing = [path for path in named if not (ROOT / path).exists()]
    assert missing == [], f"{page.relative_to(ROOT)} names files that do not exist"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_mplint_is_installed_from_the_repository_not_a_package_index(page: Path):
    """mplint is not published: an install names a checkout (`.`) or a git URL."""
    for command in re.findall(r"pip install ([^\n`&|#]+)", text(page)):
        for word in shlex.split(command):
            if word.split("[")[0].split(" @ ")[0] == "mplint":
                assert " @ git+" in word, f"{page.name}: pip install {command}"


def test_readme_excerpt_is_what_mplint_prints_on_the_examples():
    excerpt = re.search(r"An excerpt.*?```text\n(.*?)```", text(README), re.S).group(1)
    printed = run_mplint("check", "examples/", "--no-cache").out.splitlines()
    for line in excerpt.splitlines():
        assert line == "..." or line in printed, line


def test_readme_configuration_and_suppression_work(tmp_path):
    """The .mplint.yaml and the suppression comment of the README are accepted as written."""
    readme = text(README)
    section = readme[readme.index("## Configuration") :]
    config, suppressed = re.findall(r"```yaml\n(.*?)```", section, re.S)[:2]
    (tmp_path / ".mplint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "policies").mkdir()
    shutil.copy(EXAMPLES / "policies" / "acme.yaml", tmp_path / "policies")
    spec = tmp_path / "spec.yaml"
    spec.write_text("ModelPackageGroupName: growth-churn\n" + suppressed, encoding="utf-8")
    result = run_mplint("check", "spec.yaml", "-f", "json", "--no-cache", cwd=tmp_path)
    assert result.code in (0, 1), result.err
    assert "MP104" not in result.rules() and "MP009" not in result.rules()


def test_a_teams_pack_rules_render_as_markdown_too():
    """`mplint rules --format markdown` documents the packs the configuration names."""
    config = str(EXAMPLES / "policies" / ".mplint.yaml")
    rendered = run_mplint("rules", "--config", config, "--format", "markdown")
    assert rendered.code == 0, rendered.err
    assert '<a id="acme001"></a>\n\n### ACME001 acme-required-metadata' in rendered.out
    assert "\n## ACME rules\n" in rendered.out and '<a id="mp212"></a>' in rendered.out


@pytest.mark.parametrize(
    ("language", "name"), [("yaml", ".mplint.yaml"), ("toml", "pyproject.toml")]
)
def test_the_full_configuration_examples_are_accepted(tmp_path, language, name):
    page = text(ROOT / "docs" / "configuration.md")
    example = re.search(rf"```{language}\n(# {re.escape(name)}.*?)```", page, re.S).group(1)
    (tmp_path / name).write_text(example, encoding="utf-8")
    (tmp_path / "policies").mkdir()
    shutil.copy(EXAMPLES / "policies" / "acme.yaml", tmp_path / "policies")
    (tmp_path / "spec.yaml").write_text("ModelPackageGroupName: growth-churn\n", encoding="utf-8")
    result = run_mplint("check", "spec.yaml", "--no-cache", cwd=tmp_path)
    assert result.code in (0, 1) and "mplint:" not in result.err, result.err
