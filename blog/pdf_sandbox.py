"""Render a PDF deck in a child process with a memory cap and wall-clock limits.

PDFium runs over bytes an editor (or whoever stole an editor's session) uploaded: a
one-megabyte decompression bomb inflates to gigabytes, an 88 KB page with two million
drawing operations renders for minutes. So the web worker never opens the file itself:

- the parent (``render_pages``, used by blog.decks) checks the size and the header,
  writes the bytes to a private temporary folder and starts ``python -m blog.pdf_sandbox``;
- the child caps its own address space (``resource.setrlimit(RLIMIT_AS)``) and CPU time,
  renders page after page with blog.pdf, writes each page's WebP files next to the PDF
  and reports the page on stdout as one JSON line;
- the parent waits for each line at most ``page_seconds`` (and the whole deck at most
  ``deck_seconds``), kills the child when a limit passes, and turns a crash, a memory
  failure or a timeout into a DeckError whose Hebrew message names the page.

Pure over bytes like blog.pdf: callers pass every limit. The temporary folder is removed
when the iterator ends, however it ends.
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from blog import pdf
from blog.pdf import DeckError, RenderedPage, Rendition

_ROOT = Path(__file__).resolve().parent.parent  # the folder that holds the blog package
_SOURCE = "source.pdf"
_CHILD_ENV = {"PATH": os.defpath, "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass(frozen=True)
class Limits:
    max_pages: int
    max_bytes: int
    memory_bytes: int = 512 * 1024 * 1024
    page_seconds: float = 20
    deck_seconds: float = 240


def render_pages(
    data: bytes, limits: Limits, *, widths=pdf.RENDITION_WIDTHS, quality=80
) -> Iterator[RenderedPage]:
    """Like blog.pdf.render_pages, but PDFium runs in a bounded child process.

    Cheap checks (size, PDF header) raise DeckError here, at the call; everything the
    child finds (a corrupt or encrypted file, too many pages, a page over a limit) raises
    DeckError from the iterator, before or after some pages were yielded.
    """
    data = bytes(data)
    pdf.check_size(len(data), max_bytes=limits.max_bytes)
    if b"%PDF-" not in data[: pdf.MAGIC_WINDOW]:
        raise DeckError("not_pdf")
    return _run(data, limits, tuple(sorted(set(widths))), quality)


def _run(data, limits, widths, quality):
    folder = Path(tempfile.mkdtemp(prefix="deck-"))
    child = None
    try:
        (folder / _SOURCE).write_bytes(data)
        job = {"widths": widths, "quality": quality, **limits.__dict__}
        child = subprocess.Popen(
            [sys.executable, "-m", "blog.pdf_sandbox", str(folder), json.dumps(job)],
            cwd=_ROOT,
            env=_CHILD_ENV,  # none of the site's secrets for the process that reads the file
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a signal to the web worker's group spares it
        )
        yield from _pages(child, folder, limits)
    finally:
        if child is not None:
            _stop(child)
        shutil.rmtree(folder, ignore_errors=True)


def _pages(child, folder, limits):
    started = time.monotonic()
    lines = _LineReader(child.stdout)
    number = 1  # the page being rendered: the one a failure is about
    while True:
        deadline = min(time.monotonic() + limits.page_seconds, started + limits.deck_seconds)
        message = lines.next_before(deadline)
        if message is None:  # a limit passed
            _stop(child)
            if time.monotonic() >= started + limits.deck_seconds:
                raise DeckError("deck_timeout", seconds=round(limits.deck_seconds), page=number)
            raise DeckError("page_timeout", seconds=round(limits.page_seconds), page=number)
        if message == "":  # the child died
            # Killed by a signal: PDFium aborts when an allocation fails under the cap
            # (SIGABRT, SIGSEGV) and the CPU backstop sends SIGXCPU. Else a Python error.
            heavy = child.wait() < 0
            raise DeckError("page_too_heavy" if heavy else "page_failed", page=number)
        report = json.loads(message)
        if "error" in report:
            raise DeckError(report["error"], **report.get("params", {}))
        if report.get("done"):
            return
        yield _page(folder, report)
        number = report["number"] + 1


def _page(folder, report):
    images = {}
    for nominal, name, width, height in report["images"]:
        path = folder / name
        images[nominal] = Rendition(path.read_bytes(), width, height)
        path.unlink()
    return RenderedPage(
        number=report["number"], text=report["text"], images=images, total=report["total"]
    )


class _LineReader:
    """Read a pipe line by line with a deadline: "" at end of file, None on timeout."""

    def __init__(self, stream):
        self.fd = stream.fileno()
        self.buffer = b""
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.fd, selectors.EVENT_READ)

    def next_before(self, deadline):
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.selector.select(remaining):
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return ""
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()


def _stop(child):
    if child.poll() is None:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    child.wait()
    child.stdout.close()


# The child: python -m blog.pdf_sandbox FOLDER JOB


def _emit(report):
    sys.stdout.write(json.dumps(report) + "\n")  # ASCII: whatever the locale
    sys.stdout.flush()


def _child(folder: Path, job: dict) -> None:
    memory = job["memory_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(job["deck_seconds"]) + 5  # a backstop should the parent vanish
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    data = (folder / _SOURCE).read_bytes()
    number = 1
    try:
        pages = pdf.render_pages(
            data,
            max_pages=job["max_pages"],
            max_bytes=job["max_bytes"],
            widths=tuple(job["widths"]),
            quality=job["quality"],
        )
        for page in pages:
            images = []
            for nominal, rendition in page.images.items():
                name = f"{page.number:03d}-{nominal}.webp"
                (folder / name).write_bytes(rendition.data)
                images.append((nominal, name, rendition.width, rendition.height))
            _emit({"number": page.number, "total": page.total, "text": page.text, "images": images})
            number = page.number + 1
    except DeckError as error:
        _emit({"error": error.code, "params": error.params})
        return
    except MemoryError:
        _emit({"error": "page_too_heavy", "params": {"page": number}})
        return
    _emit({"done": True})


if __name__ == "__main__":
    _child(Path(sys.argv[1]), json.loads(sys.argv[2]))
