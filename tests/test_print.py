"""The brief as a person sees it: printed by a real browser (headless Chromium) on A4 and
US Letter, one page each; every source a link; nothing fetched from the network. And the
Markdown brief and every actor's position paper, checked against the data."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from asiannato.query import essentials

from .conftest import run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFINFO = shutil.which("pdfinfo")
PDFTOTEXT = shutil.which("pdftotext")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and PDFINFO and PDFTOTEXT),
    reason="needs chromium and pdfinfo (apt-get install chromium poppler-utils; .ci/run does)",
)


def html_of(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / f"{'-'.join(args) or 'brief'}.html"
    r = run("brief", *args, "-o", str(target), fixture=False)
    assert r.code == 0, r
    return target


# the paper sizes, as pdfinfo names them
PAPER = {"A4": "(A4)", "letter": "(letter)"}


def pages(files: Sequence[Path], sizes: Sequence[str]) -> dict[tuple[str, str], int]:
    """Print each page on paper of each size (injected as @page) and count the pages of
    each print, by the page's name and the size: one browser prints them all, driven
    over its DevTools pipe (a browser costs a second of processor time to start). Each
    print must be of its page (its title in the text: not a browser's error page, not
    blank) and on the paper asked for."""
    assert CHROMIUM and PDFINFO and PDFTOTEXT
    jobs = []
    for page in files:
        html = page.read_text()
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and "</style>" in html
        words = " ".join(unescape(title.group(1)).split()[:3])
        for size in sizes:
            copy = page.with_name(f"{page.stem}-{size}.html")
            copy.write_text(html.replace("</style>", f"@page {{ size: {size}; }}</style>"))
            jobs.append((page, size, words, copy))
    counts = {}
    printed = _print([copy.as_uri() for *_, copy in jobs], files[0].parent / "profile")
    for (page, size, words, copy), pdf in zip(jobs, printed, strict=True):
        target = copy.with_suffix(".pdf")
        target.write_bytes(pdf)
        info = subprocess.run([PDFINFO, str(target)], check=True, capture_output=True, text=True)
        found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        assert found and PAPER[size] in info.stdout, (page.name, size, info.stdout)
        text = subprocess.run(
            [PDFTOTEXT, str(target), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert words in " ".join(text.split()), (page.name, size, words, text[:300])
        counts[page.stem, size] = int(found.group(1))
    return counts


# Runs argv[3:] with descriptor argv[1] as its 3 and argv[2] as its 4 (os.pipe gives the
# lowest free descriptors, so argv[2] is never 3).
_AS_3_AND_4 = """
import os, sys
r, w = int(sys.argv[1]), int(sys.argv[2])
os.dup2(r, 3)
os.dup2(w, 4)
for fd in {r, w} - {3, 4}:
    os.close(fd)
os.execv(sys.argv[3], sys.argv[3:])
"""


def _print(uris: Sequence[str], profile: Path) -> list[bytes]:
    """Each page printed to PDF by one headless Chromium, as its print-to-pdf would (the
    page's own @page size, no header or footer), over --remote-debugging-pipe: the
    browser reads commands on descriptor 3 and answers on 4, as NUL-ended JSON."""
    assert CHROMIUM
    commands, answers = os.pipe(), os.pipe()
    try:
        # a small Python gives the browser the pipes as descriptors 3 and 4 (no
        # preexec_fn: it is not safe in a process with threads)
        browser = subprocess.Popen(
            [sys.executable, "-c", _AS_3_AND_4, str(commands[0]), str(answers[1]), CHROMIUM,
             "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync",
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            pass_fds=(commands[0], answers[1]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    except BaseException:
        for fd in (*commands, *answers):
            os.close(fd)
        raise
    os.close(commands[0])
    os.close(answers[1])
    to_browser = os.fdopen(commands[1], "wb", buffering=0)
    from_browser = os.fdopen(answers[0], "rb", buffering=0)
    pending = b""
    sent = 0

    def send(method: str, params: dict[str, Any] | None = None, session: str = "") -> int:
        nonlocal sent
        sent += 1
        message: dict[str, Any] = {"id": sent, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        to_browser.write(json.dumps(message).encode() + b"\0")
        return sent

    def wait(answer: int = 0, event: str = "", session: str = "") -> dict[str, Any]:
        nonlocal pending
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            while b"\0" in pending:
                raw, pending = pending.split(b"\0", 1)
                message = json.loads(raw)
                if answer and message.get("id") == answer:
                    assert "error" not in message, message
                    result: dict[str, Any] = message["result"]
                    return result
                if event and (message.get("method"), message.get("sessionId")) == (event, session):
                    params: dict[str, Any] = message.get("params", {})
                    return params
            ready, _, _ = select.select([from_browser], [], [], deadline - time.monotonic())
            if not ready:
                break
            chunk = from_browser.read(1 << 16)
            assert chunk, "the browser closed its pipe"
            pending += chunk
        raise AssertionError(f"no answer from the browser to {answer or event}")

    printed = []
    try:
        for uri in uris:
            target = wait(send("Target.createTarget", {"url": "about:blank"}))["targetId"]
            attach = {"targetId": target, "flatten": True}
            session = wait(send("Target.attachToTarget", attach))["sessionId"]
            wait(send("Page.enable", session=session))
            send("Page.navigate", {"url": uri}, session=session)
            wait(event="Page.loadEventFired", session=session)
            options = {"preferCSSPageSize": True, "displayHeaderFooter": False}
            pdf = wait(send("Page.printToPDF", options, session=session))["data"]
            printed.append(base64.b64decode(pdf))
            wait(send("Target.closeTarget", {"targetId": target}))
    finally:
        with contextlib.suppress(OSError):
            send("Browser.close")
        try:
            browser.wait(timeout=30)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait()
        to_browser.close()
        from_browser.close()
    return printed


@needs_browser
def test_the_html_briefs_print_on_one_page_of_a4_and_of_letter(tmp_path: Path) -> None:
    # the debate's brief and an actor's
    briefs = [html_of(tmp_path), html_of(tmp_path, "japan")]
    counts = pages(briefs, ("A4", "letter"))
    assert counts == {
        ("brief", "A4"): 1,
        ("brief", "letter"): 1,
        ("japan", "A4"): 1,
        ("japan", "letter"): 1,
    }


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []  # addresses the page would load by itself
        self.source_links: list[str] = []
        self.sources = 0
        self._in_source = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("src", "srcset", "data"):
            if a.get(key):
                self.fetched.append(str(a[key]))
        if tag == "link" and a.get("href"):
            self.fetched.append(str(a["href"]))
        if tag == "li" and str(a.get("id", "")).startswith("src-"):
            self.sources += 1
            self._in_source = True
        if tag == "a" and self._in_source and a.get("href", "").startswith("http"):
            self.source_links.append(str(a["href"]))
            self._in_source = False


@pytest.mark.parametrize("args", [(), ("japan",)], ids=["debate", "japan"])
def test_every_source_is_a_link_and_nothing_is_fetched(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    text = html_of(tmp_path, *args).read_text()
    doc = json.loads(run("brief", *args, "-f", "json", fixture=False).out)
    parser = Links()
    parser.feed(text)
    assert parser.fetched == []
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text)
    assert parser.sources == len(doc["sources"]) > 0
    linked = {s["url"] or s["seen_at"] for s in doc["sources"].values() if s["url"] or s["seen_at"]}
    assert len(parser.source_links) == len(linked)


def test_the_markdown_brief_is_one_screen_and_carries_ishibas_words() -> None:
    r = run("brief", "-f", "markdown", fixture=False)
    assert r.code == 0
    assert len(r.out.splitlines()) <= 90
    assert "The absence of a collective self-defence system like NATO in Asia" in r.out
    quotes = re.findall(r"^> \u201c", r.out, re.M)
    assert 3 <= len(quotes) <= 5
    doc = json.loads(run("actors", "-f", "json", fixture=False).out)
    majors = [
        {a["name"], *a["aliases"]} for a in (r["actor"] for r in doc["results"])
        if a["kind"] == "state" or (a["kind"] == "organization" and not a.get("country"))
    ]  # fmt: skip
    table = r.out.split("## Who stands where")[1].split("\n## ")[0]
    shown = [row.split(" | ")[0][4:-2] for row in table.splitlines() if row.startswith("| **")]
    assert len(shown) == len(majors)
    for name, names in zip(shown, majors, strict=True):
        assert name in names


def test_every_actors_position_paper_lists_every_source_it_cites() -> None:
    doc = json.loads(run("actors", "--all", "-f", "json", fixture=False).out)
    for actor in [r["actor"]["id"] for r in doc["results"]]:
        r = run("brief", actor, "-f", "markdown", fixture=False)
        assert r.code == 0, (actor, r.err)
        body, _, listing = r.out.partition("\n## Sources\n")
        listed = [int(n) for n in re.findall(r"^(\d+)\. ", listing, re.M)]
        assert listed == list(range(1, len(listed) + 1)), actor
        cited = {int(n) for n in re.findall(r"\\?\[(\d+)\\?\]", body)}
        assert cited == set(listed), actor
        assert "## Stance and how it changed" in body and "## Where it agrees and differs" in body


def test_the_output_format_follows_the_file_name(tmp_path: Path) -> None:
    for name, start in (("b.md", "# Briefing"), ("b.svg", "<svg"), ("b.txt", "Briefing")):
        assert run("brief", "-o", str(tmp_path / name), fixture=False).code == 0
        assert (tmp_path / name).read_text().startswith(start), name
    bad = run("brief", "-o", str(tmp_path / "b.docx"), fixture=False)
    assert bad.code == 2 and ".html" in bad.err and ".md" in bad.err
    assert run("brief", "-f", "text", "-o", str(tmp_path / "b.docx"), fixture=False).code == 0


def as_json(*args: str) -> dict[str, object]:
    r = run(*args, "-f", "json", fixture=False)
    assert r.code == 0, r
    loaded: dict[str, object] = json.loads(r.out)
    return loaded


def test_the_strongest_arguments_are_chosen_by_their_evidence() -> None:
    every = as_json("arguments")["results"]
    assert isinstance(every, list)
    b = as_json("brief")["results"][0]  # type: ignore[index]

    def strength(a: dict[str, list[str]]) -> tuple[int, int, int]:
        return (len(set(a["sources"])), len(a["actors"]) + len(a["others"]), len(a["quotes"]))

    for side in ("for", "against"):
        mine = [a for a in every if a["side"] == side]
        ranked = sorted(range(len(mine)), key=lambda i: (*(-k for k in strength(mine[i])), i))
        expected = [mine[i]["id"] for i in ranked[:3]]
        assert [a["id"] for a in b["arguments"] if a["side"] == side] == expected, side


def test_the_milestones_are_the_latest_and_every_major_actor_has_a_row() -> None:
    events = as_json("timeline")["results"]
    b = as_json("brief")["results"][0]  # type: ignore[index]
    milestones = [e["id"] for e in events if e.get("milestone")]  # type: ignore[union-attr]
    assert [e["id"] for e in b["milestones"]] == milestones[-essentials.LATEST_MILESTONES :]
    majors = [s[0]["id"] for s in b["stances"]]
    charted = [h[0]["id"] for h in b["histories"]]
    assert charted[: len(majors)] == majors and len(majors) >= 10
    # the chart also carries the pact's proponents (Ishiba first among them)
    assert "ishiba" in charted[len(majors) :]
