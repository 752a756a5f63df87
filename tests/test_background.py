"""generator.background: a function's result, or its exception, from a forked process."""

from __future__ import annotations

import os
import signal
import time

import pytest

from generator import background


def test_the_result_comes_back() -> None:
    job = background.start(lambda: {"pid": os.getpid(), "data": b"x" * 1_000_000})
    result = job.result()
    assert result["data"] == b"x" * 1_000_000
    assert result["pid"] != os.getpid()  # it ran in another process


def test_the_exception_is_raised_here() -> None:
    def fails() -> None:
        raise ValueError("bad template")

    with pytest.raises(ValueError, match="bad template"):
        background.start(fails).result()


def test_a_killed_process_is_an_error() -> None:
    def dies() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(background.BackgroundError, match="exit code -9"):
        background.start(dies).result()


def test_cancel_stops_the_process() -> None:
    job = background.start(lambda: time.sleep(60))
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 10
    assert job._worker is not None and not job._worker.is_alive()
