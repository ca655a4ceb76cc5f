"""What the commands share: the run's options declared from RunOptions, --debug, and the way every
error ends (one line on stderr, the exit status of the README's table)."""

from __future__ import annotations

import signal
import sys
import traceback
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Iterator

import click

from pipeline.errors import (
    EXIT_ENVIRONMENT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    KompassError,
    Terminated,
    os_reason,
)
from pipeline.options import RunOptions


def run_options(command):
    """The options of every dataset-building command (run, serve, deploy): one per RunOptions field, from
    the flag and help in its metadata, and --dask-address. The command gets them as keyword arguments;
    `split_options` turns them back into RunOptions."""
    from typing import get_args, get_type_hints

    types = get_type_hints(RunOptions)
    command = click.option(
        "--dask-address",
        default=None,
        help="Run document tasks on this Dask scheduler (tcp://host:8786); needs PREFECT_API_URL.",
    )(command)
    for f in reversed(fields(RunOptions)):
        settings = dict(f.metadata)
        flag, low, high = settings.pop("flag"), settings.pop("min", None), settings.pop("max", None)
        low_open = settings.pop("min_open", False)
        hint = next((t for t in get_args(types[f.name]) if t is not type(None)), types[f.name])  # X | None -> X
        if hint is bool:
            settings.update(is_flag=True, flag_value=not f.default)
        else:
            kind = hint if hint in (int, float) else str
            ranged = {int: click.IntRange(low, high), float: click.FloatRange(low, high, min_open=low_open)}
            settings.update(type=ranged[kind] if low is not None else kind, show_default=f.default is not None)
        default = str(f.default) if isinstance(f.default, Path) else f.default
        command = click.option(flag, f.name, default=default, **settings)(command)
    return command


debug_option = click.option(
    "--debug", is_flag=True, help="Show the traceback of an error (a kompass bug report wants it)."
)


@contextmanager
def user_errors(debug: bool, out_dir: str | None = None) -> Iterator[None]:
    """Every error ends as one line on stderr and the exit status of the README's table; the
    traceback only with --debug. SIGTERM stops a run like Ctrl-C (exit 143, not 130)."""
    kept = f"; the previous dataset in {out_dir} is kept" if out_dir else ""
    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    except (click.exceptions.Exit, click.ClickException):
        raise
    except KompassError as e:
        fail(debug, f"error: {e}", e.exit_code)
    except KeyboardInterrupt:
        fail(debug, f"interrupted (Ctrl-C): stopped{kept}", EXIT_INTERRUPTED)
    except Terminated:
        fail(debug, f"terminated (SIGTERM): stopped{kept}", EXIT_TERMINATED)
    except OSError as e:
        where = f": {e.filename}" if e.filename else ""
        fail(debug, f"error: {os_reason(e)}{where}{kept}", EXIT_ENVIRONMENT)
    except Exception as e:
        fail(
            debug,
            f"internal error ({type(e).__name__}: {' '.join(str(e).split())[:200]}){kept}; run again with "
            "--debug for the traceback and please report it",
            EXIT_INTERNAL,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)


def raise_terminated(signum, frame) -> None:
    raise Terminated()


def fail(debug: bool, line: str, code: int) -> None:
    if debug:
        traceback.print_exc()
    click.echo(line, err=True)
    sys.exit(code)


def split_options(parameters: dict):
    """RunOptions from the keyword arguments `run_options` added; the others are left in parameters."""
    try:
        return RunOptions(**{f.name: parameters.pop(f.name) for f in fields(RunOptions)})
    except ValueError as e:
        raise click.UsageError(str(e)) from None
