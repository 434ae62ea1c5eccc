"""Batch commands: screen a file of order lines, and the impact of one measure on them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from exportctl.bundle import load_bundle
from exportctl.cli.common import (
    KnownOpt,
    RegimesOpt,
    app,
    bundle_regimes,
    console,
    err,
    fail_cleanly,
    settings_for,
)
from exportctl.engine.query import knowledge_date
from exportctl.errors import InputError

EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="Encoding of a CSV or JSON Lines input (utf-8, cp932, cp949...); detected when not given",
    ),
]


SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Sheet of an .xlsx input (default: the first)")]
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom", help="Start CSV outputs with a UTF-8 byte order mark (so Excel in Japan or Korea reads them as UTF-8)"
    ),
]


def _notes(notes: list[str]) -> None:
    """What was assumed about the input, on stderr: the results on stdout stay clean."""
    for note in notes:
        err.print(f"warning: {note}", soft_wrap=True)


def _progress_bar(label: str) -> tuple[Any, Any]:
    """A Rich progress bar on a terminal; nothing when output is piped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not err.is_terminal:
        return None, None
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


@app.command()
@fail_cleanly
def screen(
    input: Annotated[Path, typer.Argument(help="Order lines: .csv, .parquet, .jsonl or .xlsx")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Results file (.csv, .parquet, .jsonl or .xlsx)")],
    rejects: Annotated[
        Path | None, typer.Option("--rejects", help="Rejected rows (default: OUTPUT.rejects.EXT)")
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="local | spark")] = "local",
    spark_master: Annotated[str, typer.Option("--spark-master", help="Spark master URL")] = "local[2]",
    known_on: KnownOpt = None,
    chunk_rows: Annotated[
        int, typer.Option("--chunk-rows", min=1, help="Rows per chunk (local engine); memory grows with it")
    ] = 262_144,  # batch.files.CHUNK_ROWS (not imported here: the batch extra may be missing)
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    bom: BomOpt = False,
    lists: Annotated[
        bool,
        typer.Option(
            "--lists",
            help="Each result line carries its answer's lists (needs, refused, routes, exemptions, groups, rule ids) instead of "
            "an outcome number into OUTPUT.outcomes.EXT (always so for .xlsx)",
        ),
    ] = False,
    threads: Annotated[
        int,
        typer.Option("--threads", min=1, help="Chunks screened at once, one thread each (local engine; same answers)"),
    ] = 2,  # batch.files.SCREENERS
    regimes: RegimesOpt = None,
) -> None:
    """Screen every order line of a file; every line comes out as a result or a rejected row.

    Each result line gets licence_required and an outcome number into OUTPUT.outcomes.EXT, unless --lists.
    """
    from exportctl.batch.files import FileOptions, outcomes_path_for, rejects_path_for, screen_file

    bundle = load_bundle(settings_for(regimes))
    regs = dict(bundle.regimes)
    kday = knowledge_date(known_on, regs)
    rejects = rejects or rejects_path_for(output)
    side = ""
    if engine == "spark":
        if sheet or bom or ".xlsx" in (input.suffix.lower(), output.suffix.lower()):
            raise InputError("--sheet, --bom and .xlsx files work with the local engine only")
        # The Spark engine writes each line's answer in full (its output is a directory of parts).
        from exportctl.batch.spark import screen_file_spark

        summary = screen_file_spark(input, output, rejects, regs, kday, master=spark_master, encoding=encoding)
    elif engine == "local":
        import pyarrow as pa

        # The process is this run's alone: Arrow's default pool (mimalloc) kept freed chunks,
        # 90 MB at 30 M lines; the system allocator gives them back (same speed, measured).
        pa.set_memory_pool(pa.system_memory_pool())
        options = FileOptions(encoding, sheet, bom, lists, threads)
        if not lists and output.suffix.lower() != ".xlsx":
            side = f", outcomes -> {outcomes_path_for(output)}"
        bar, update = _progress_bar("screening")
        if bar is not None:
            with bar:
                summary = screen_file(input, output, rejects, regs, kday, chunk_rows, update, options, bundle.version)
        else:
            summary = screen_file(
                input, output, rejects, regs, kday, chunk_rows, options=options, bundle=bundle.version
            )
    else:
        raise InputError(f"unknown engine {engine!r}", ["local", "spark"])
    _notes(summary.notes)
    console.print(summary.line() + f"  -> {output}, rejects -> {rejects}{side}", soft_wrap=True)


@app.command()
@fail_cleanly
def impact(
    measure: Annotated[str, typer.Argument(help="Measure id, e.g. jp-2019-07-three-items")],
    input: Annotated[Path, typer.Argument(help="Order lines: .csv, .parquet, .jsonl or .xlsx")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Lines whose answer the measure changes (.csv, .parquet, .jsonl or .xlsx)"),
    ],
    rejects: Annotated[Path | None, typer.Option("--rejects")] = None,
    known_on: KnownOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    bom: BomOpt = False,
    regimes: RegimesOpt = None,
) -> None:
    """Which lines change outcome because of one measure: screening with and without it."""
    from exportctl.batch.files import FileOptions, impact_file

    regs = bundle_regimes(regimes)
    kday = knowledge_date(known_on, regs)
    summary, changed = impact_file(
        measure, input, output, rejects, regs, kday, options=FileOptions(encoding, sheet, bom)
    )
    _notes(summary.notes)
    console.print(summary.line() + f"  changed by {measure}: {changed:,} -> {output}", soft_wrap=True)
