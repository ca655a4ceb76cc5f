"""Errors a user can cause or meet, each with the exit status `kompass` ends with (README: Safety).

The CLI prints such an error as one line and exits with its code; a traceback only with --debug.
"""

from __future__ import annotations

import os
import re

#: Exit statuses, as documented in the README.
EXIT_OK = 0
EXIT_STRICT = 1
EXIT_USAGE = 2
EXIT_CONTRACT = 3
EXIT_ENVIRONMENT = 4
EXIT_INTERNAL = 5
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM


class KompassError(Exception):
    """An error with a message meant for the user and the exit status it ends the command with."""

    exit_code = EXIT_INTERNAL


class UsageError(KompassError):
    """What the user asked for cannot be done safely (a missing source, an --out that is not
    kompass's to replace, a malformed sources.toml): nothing was written."""

    exit_code = EXIT_USAGE


class EnvironmentProblem(KompassError):
    """The machine stopped the run (disk full, no permission, another run holds the lock): the
    previous dataset is kept."""

    exit_code = EXIT_ENVIRONMENT


class DatasetViolation(KompassError):
    """The built tables break the contract: a kompass bug; the previous dataset is kept."""

    exit_code = EXIT_CONTRACT


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread like KeyboardInterrupt, so the run stops promptly."""


def os_reason(error: OSError) -> str:
    """What the system said, without the noise: "No space left on device". pyarrow's OSErrors carry
    no errno attribute, only "[errno 28]" in their text."""
    number = error.errno
    if number is None:
        found = re.search(r"\[errno (\d+)\]", str(error))
        number = int(found.group(1)) if found else None
    if number is not None:
        return os.strerror(number)
    return " ".join(str(error).split()) or type(error).__name__
