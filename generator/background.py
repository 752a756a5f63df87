"""Work done in a forked process while this one goes on (parsing the companion, the client stub).

:func:`start` forks a process that calls a function and sends back its result
(or the exception it raised); :meth:`Job.result` waits for it.  Where the
platform cannot fork, the function runs in this process when the result is
asked for.  A job whose result is never asked for is stopped by
:meth:`Job.cancel` (or when the interpreter exits).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """The forked process ended without a result (killed, or out of memory)."""


class Job(Generic[T]):
    def __init__(self, function: Callable[[], T]) -> None:
        self._function: Callable[[], T] | None = function
        self._worker: Any = None
        self._receiver: Any = None
        if hasattr(os, "fork"):
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._worker = context.Process(
                target=_run, args=(function, sender), daemon=True
            )
            self._worker.start()
            sender.close()
            self._function = None

    def result(self) -> T:
        """The function's result, or the exception it raised, raised here."""
        if self._worker is None:
            assert self._function is not None
            return self._function()
        try:
            ok, value = self._receiver.recv()
        except EOFError:
            self._worker.join()  # its exit code is known once it is reaped
            raise BackgroundError(
                f"the background process ended without a result "
                f"(exit code {self._worker.exitcode})"
            ) from None
        finally:
            self._receiver.close()
            self._worker.join()
        if ok:
            return value  # type: ignore[no-any-return]
        raise value

    def cancel(self) -> None:
        """Stop the process if its result will not be asked for."""
        if self._worker is not None and self._worker.is_alive():
            self._worker.terminate()
            self._worker.join()


def start(function: Callable[[], T]) -> Job[T]:
    """Start calling ``function`` in a forked process."""
    return Job(function)


def _run(function: Callable[[], Any], sender: Any) -> None:
    try:
        outcome: tuple[bool, Any] = (True, function())
    except BaseException as exc:  # sent to the parent, which raises it
        outcome = (False, exc)
    try:
        sender.send(outcome)
    except Exception as exc:  # an unpicklable result or exception
        sender.send((False, BackgroundError(f"{type(exc).__name__}: {exc}")))
    sender.close()
