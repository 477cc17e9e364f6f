"""Child processes that never outlive the process that started them.

A build runs the site generator as a child, and `make sites` runs one build per council. If
the parent is killed outright (SIGKILL, the out-of-memory killer), it cannot stop its children:
they would go on writing, and publish, with nobody to report it. So each child asks Linux to
send it a signal when its parent dies (prctl PR_SET_PDEATHSIG), set between fork and exec.
This is more robust than running the generator in the build's own process (a generator that
hangs or crashes could then not be stopped, nor its traceback turned into one line), and needs
no helper process that could itself be killed. Elsewhere than Linux there is no such call:
a killed build's generator finishes on its own there.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1  # linux/prctl.h

# The signals that stop a build or `make sites`: Ctrl-C and a polite kill.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _prctl():
    """libc's prctl, loaded before any fork (loading a library in the child is not safe)."""
    if not sys.platform.startswith("linux"):
        return None
    return getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)


def die_with_parent(death_signal: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` for subprocess.Popen: the child gets ``death_signal`` when this process
    dies. None where the system has no such call. Only for single-threaded programs (build.py,
    sites.py), as Python's documentation asks of any preexec_fn."""
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def in_the_child() -> None:
        prctl(_PR_SET_PDEATHSIG, death_signal, 0, 0, 0)
        # The parent may have died between fork and prctl: then nothing would ever come.
        if os.getppid() != parent:
            os.kill(os.getpid(), death_signal)

    return in_the_child


def ignore_stop_signals() -> None:
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


def signal_name(number: int) -> str:
    """SIGKILL for 9."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
