"""Do part of a cold compile in a forked child, on a second core.

Reading and checking a very large data file is pure Python work, bound to one core. On
Linux with two or more cores, the file's second half goes to a child process made with
``fork`` (it shares the parent's memory as it was, so nothing is sent to it), and comes
back through a pipe, ``marshal``-ed: plain values only, read back by this same process
image, never stored. Anything unusual (no fork, one core, a thread running, a child that
fails or is killed) means the caller does the work itself, so the result is the same
either way; only the time differs.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any


def available() -> bool:
    """Whether a child can take half the work here."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    if threading.active_count() > 1:
        return False  # forking a process with threads can deadlock the child
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except OSError:  # pragma: no cover - a kernel without affinity
        return False


class Child:
    """``fn(*args)`` computed in a forked child; ``result()`` collects it."""

    @classmethod
    def start(cls, fn: Callable[..., Any], *args: Any) -> Child | None:
        """The child, or None when no process could be made (out of memory, a limit on
        processes): then the caller does the work itself."""
        try:
            return cls(fn, *args)
        except OSError:
            return None

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:  # pragma: no cover - runs in the child, whose coverage is not collected
            code = 1
            try:
                os.close(read_end)
                payload = marshal.dumps(fn(*args))
                with open(write_end, "wb") as out:
                    out.write(payload)
                code = 0
            except BaseException:  # the parent sees the exit code and does the work itself
                pass
            finally:
                # Leave at once: no exit handlers, no flushing of the parent's buffers.
                os._exit(code)
        os.close(write_end)
        self._pid = pid
        self._fd = read_end

    def result(self) -> Any | None:
        """The child's value, or None when it failed (the caller then does the work)."""
        fd, self._fd = self._fd, -1
        try:
            with open(fd, "rb") as pipe:
                data = pipe.read()
        except OSError:
            data = b""
        status = self._reap()
        if status != 0 or not data:
            return None
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None

    def cancel(self) -> None:
        """Stop the child (the parent is giving up, or was interrupted)."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            self._reap()
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1

    def _reap(self) -> int:
        pid, self._pid = self._pid, 0
        if not pid:
            return -1
        while True:
            try:
                _, status = os.waitpid(pid, 0)
            except InterruptedError:  # pragma: no cover - retried by Python itself
                continue
            except ChildProcessError:  # pragma: no cover - reaped elsewhere
                return -1
            return os.waitstatus_to_exitcode(status)
