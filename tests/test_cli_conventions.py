"""The conventions a command-line user expects (issue 13, part 4), through Typer's runner.

``--version``; help without ``<bool>``/``<str>`` noise; shell completion; data printed literally
(never as Rich markup or emoji codes); an answer that reads at 80 columns with every URL whole on
one line; ``NO_COLOR``; and a bad path or setting is one line on stderr with exit 2, never a
traceback.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

import exportctl
from exportctl.cli import app
from exportctl.interfaces import render

runner = CliRunner()
HF_2020 = ["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15"]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_version_prints_program_and_law_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, _ = run("--version", env={"EXPORTCTL_DATA_DIR": str(data)})
    assert code == 0
    assert out.startswith(f"exportctl {exportctl.__version__}") and "law bundle" in out
    assert len(out.strip().splitlines()) == 1
    assert not data.exists()  # no database, no data directory


@pytest.mark.parametrize(
    "command",
    [[], ["check"], ["timeline"], ["serve"], ["items"], ["law", "report"], ["db", "upgrade"], ["proposals", "list"]],
)
def test_help_has_no_type_noise(command: list[str]) -> None:
    code, out, _ = run(*command, "--help", env={"COLUMNS": "100"})
    assert code == 0
    for noise in ("<bool>", "<str>", "<int>", "<path>", "<int range>"):
        assert noise not in out
    if command == ["check"]:
        informed = next(line for line in out.splitlines() if "--informed" in line)
        assert "TEXT" not in informed  # a flag shows no placeholder...
        on = next(line for line in out.splitlines() if "--on " in line)
        assert "TEXT" in on  # ...an option taking a value does


def test_shell_completion_is_offered() -> None:
    code, out, _ = run("--help", env={"COLUMNS": "100"})
    assert code == 0 and "--install-completion" in out and "--show-completion" in out
    # Through the real entry point: Typer registers its completion scripts when the program
    # starts, and in the test runner's process that registry depends on what ran before.
    # With shellingham installed Typer's --show-completion is a flag that detects the shell from the process's
    # parents (a run started in the background, from no shell, found none: "Shell  not supported"); without it,
    # the option takes the shell's name. Asked from bash either way.
    detects = importlib.util.find_spec("shellingham") is not None
    argv = (
        [
            "bash",
            "-c",
            f'"{sys.executable}" -m exportctl --show-completion; exit $?',
        ]  # not exec'd: bash stays its parent
        if detects
        else [sys.executable, "-m", "exportctl", "--show-completion", "bash"]
    )
    proc = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and "_exportctl_completion" in proc.stdout, proc.stderr


def test_data_with_markup_and_emoji_codes_prints_literally(regime_copy: Path) -> None:
    """A warning from data containing ``:A:`` and ``[bold]``/``[reported]`` is printed as written."""
    sources = regime_copy / "jp" / "sources.yaml"
    old = "METI's release was read only in a private copy (gov-base); the guideline text was not reached"
    text = sources.read_text(encoding="utf-8")
    assert old in text
    sources.write_text(text.replace(old, "'jp:A: moved [bold]x[/bold] [reported] :smile:'", 1), encoding="utf-8")
    code, out, err = run(*HF_2020, "--regimes", str(regime_copy), env={"COLUMNS": "200"})
    assert code == 0, err
    assert "jp:A: moved [bold]x[/bold] [reported] :smile:" in out
    assert "🅰" not in out and "😄" not in out


def test_rendering_is_literal_on_any_console() -> None:
    """The renderers themselves do not depend on the CLI's consoles being markup-free."""
    d = exportctl.determine("JP", "KR", "HF", "2020-01-15")
    d = d.model_copy(update={"warnings": ["jp:A: [red]not a style[/red] :A:"]})
    console = Console(width=80, record=True, emoji=True, markup=True)
    console.print(render.determination(d), crop=False)
    out = console.export_text()
    assert "jp:A: [red]not a style[/red] :A:" in out and "🅰" not in out
    assert any(f"[{s.source.confidence}]" in out for s in d.trace)  # "[confirmed]" is not a style tag


def test_check_reads_at_80_columns_with_whole_urls() -> None:
    code, out, _ = run(*HF_2020, env={"COLUMNS": "80"})
    assert code == 0
    lines = out.splitlines()
    assert len(lines) <= 50  # was 89 (117 when first measured) with a folded four-column trace table
    code, js, _ = run(*HF_2020, "--json")
    urls = {s["source"]["url"] for s in json.loads(js)["trace"] if s["source"]["url"]}
    assert urls
    for url in urls:
        assert any(url in line for line in lines), f"{url} is not whole on one line"
    for line in lines:
        if "https://" not in line:
            assert cell_len(line) <= 80, line
            assert line == line.rstrip(), "no trailing padding"
        else:
            assert line.strip().startswith("https://")  # a URL is alone on its line, copyable


@pytest.mark.parametrize("command", [["status", "-e", "JP", "-c", "KR", "--on", "2020-01-15"], ["measures", "JP"]])
def test_other_answers_fit_80_columns(command: list[str]) -> None:
    code, out, _ = run(*command, env={"COLUMNS": "80"})
    assert code == 0
    assert all(cell_len(line) <= 80 for line in out.splitlines())


def test_no_color_is_respected() -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "80"}
    out = subprocess.run(
        [sys.executable, "-m", "exportctl", *HF_2020], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "LICENCE REQUIRED" in out
    assert "\x1b[31m" not in out and "\x1b[1;31m" not in out and "\x1b[33m" not in out


@pytest.fixture()
def a_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "chart.svg"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("args", "env", "needle"),
    [
        (["validate", "/nonexist"], {}, "/nonexist: no such regime folder"),
        (["validate", "/etc/hostname"], {}, "not a folder"),
        (
            ["status", "-e", "JP", "-c", "KR", "--on", "2020-01-15"],
            {"EXPORTCTL_REGIMES": "/nonexist"},
            "EXPORTCTL_REGIMES",
        ),
        ([*HF_2020, "--regimes", "/nonexist"], {}, "no such regime folder"),
        (["timeline", "JP", "KR", "--chart", "{folder}"], {}, "is a folder"),
        (["law", "report", "JP", "-o", "{folder}"], {}, "is a folder"),
        (["audit", "export", "-o", "{folder}"], {}, "is a folder"),
        (["intake", "/nonexist.txt", "--no-propose"], {}, "/nonexist.txt"),
    ],
)
def test_bad_paths_are_one_line_errors(args: list[str], env: dict[str, str], needle: str, a_folder: Path) -> None:
    code, out, err = run(*(a.replace("{folder}", str(a_folder)) for a in args), env=env)
    assert code == 2, out + err
    assert needle in err and "Traceback" not in out + err and "Error:" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.strip()  # nothing printed before the error
    assert list(a_folder.iterdir()) == [] and not a_folder.with_name(a_folder.name + ".part").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "JP", "KR", "--chart", "{missing}/chart.svg"],
        ["law", "report", "JP", "-o", "{missing}/report.txt"],
        ["audit", "export", "-o", "{missing}/audit.jsonl"],
    ],
)
def test_an_output_in_a_missing_folder_is_refused_not_created(args: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    code, out, err = run(*(a.replace("{missing}", str(missing)) for a in args))
    assert code == 2 and not out.strip()
    assert err.strip().endswith(f"folder {missing} does not exist") and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "--bogus"], "No such option: --bogus"),
        (["chek"], "Did you mean 'check'?"),
        (["check", "-e", "JP"], "Missing option '--to'"),
        # --value is read as the API reads it (CheckQuery: ５００ too), so its error is the query's
        (["check", "-e", "JP", "-t", "KR", "-i", "HF", "--value", "abc"], "invalid value 'abc'"),
    ],
)
def test_usage_errors_are_one_line_through_the_real_entry_point(args: list[str], needle: str) -> None:
    """The installed program (not the test runner) prints a usage error as one line, exit 2, no panel."""
    proc = subprocess.run(
        [sys.executable, "-m", "exportctl", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and lines[0].startswith("error: "), proc.stderr
    assert "╭" not in proc.stderr and "Traceback" not in proc.stderr
