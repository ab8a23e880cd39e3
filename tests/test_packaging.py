"""The release path a user takes: sdist -> wheel built from the sdist -> a fresh virtual
environment -> the three core commands, run from a directory outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Without --sdist/--wheel, build makes the sdist, then the wheel from that sdist.
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return out


def test_the_sdist_and_the_wheel_carry_the_dataset(dist: Path) -> None:
    data = sorted(p.name for p in (REPO / "data").glob("*.yaml"))
    assert "quotes.yaml" in data
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    top = names[0].split("/")[0]
    assert all(f"{top}/data/{n}" in names for n in data)
    assert not any("/.venv/" in n or "__pycache__" in n for n in names)
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        inside = zf.namelist()
    assert all(f"asiannato/data/{n}" in inside for n in data)


def test_installed_wheel_answers_from_anywhere(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The wheel alone goes into the fresh environment; its dependencies (typer, rich,
    # PyYAML) are borrowed from this one through a path file, listed after the fresh
    # environment's own packages: fetching them again is pip's job, not ours, and took
    # most of this test's half-minute. The path file adds a plain folder, so the
    # editable install of this checkout that lives there is never activated.
    fresh_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(fresh_site, "borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         "--disable-pip-version-check", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    where = subprocess.run(
        [str(python), "-c", "import asiannato; print(asiannato.__file__)"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    ).stdout.strip()  # fmt: skip
    assert where.startswith(fresh_site), f"asiannato was imported from {where}, not the wheel"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),  # a fresh user: empty cache
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    for args, expect in (
        (["actors"], "china\tChina\tstate\topposed"),
        (["compare", "japan", "china"], "Where they agree:"),
        (["quotes", "--speaker", "iwaya"], "Takeshi Iwaya"),
    ):
        proc = subprocess.run(
            [str(venv / "bin" / "asiannato"), *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, (args, proc.stderr)
        assert expect in proc.stdout, (args, proc.stdout[:500])
        assert "Traceback" not in proc.stderr
    # the cache went to the user's cache directory, nothing was written where we stood
    assert list(elsewhere.iterdir()) == []
    assert list((tmp_path / "home" / ".cache" / "asiannato").glob("store-*.sqlite3"))
