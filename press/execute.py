"""Run notebooks at once, as many as the machine has cores, each on a kernel of its own.

The build (:mod:`press.sphinxext.execute`) sends here every notebook that the execution
cache lacks, before Sphinx reads a page; ``make notebooks`` sends every chapter, to store
its outputs in the notebook itself::

    python -m press.execute --inplace chapters/*.ipynb

The kernels talk to us over unix sockets in the user's runtime folder (ZeroMQ's IPC
transport), not over TCP on localhost: a TCP kernel without CurveZMQ keys is open to
every local user, and ipykernel 7 says so at each start ("Kernel is running over TCP
without encryption"), once per notebook in the build log.

Every notebook runs in its own folder, as myst-nb would run it, with the book's timeout;
the first cell that raises stops the whole run and is reported with its notebook.
"""
from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


@dataclass
class Result:
    path: Path
    notebook: nbformat.NotebookNode  # with its outputs
    seconds: float


class NotebookFailed(RuntimeError):
    """A cell raised (or timed out); the message names the notebook and shows the traceback."""


def expected_seconds(notebook: nbformat.NotebookNode) -> float:
    """How long the notebook took when its outputs were stored (0 if unknown).

    nbclient records each cell's start and end in its metadata; the longest notebooks
    start first, so that no core is left idle at the end while one notebook runs alone.
    """
    total = 0.0
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("iopub.status.idle")
        if start and end:
            from datetime import datetime
            total += (datetime.fromisoformat(end.replace("Z", "+00:00"))
                      - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
    return total


def kernel_manager(notebook) -> AsyncKernelManager:
    """A kernel on unix sockets of its own, named by an absolute path in the runtime folder.

    The path must be absolute: jupyter_client's default, ``kernel-ipc``, is relative, and
    the kernel (started in the notebook's folder) and we (in the book's) would each
    resolve it in a different folder and never meet.
    """
    runtime = Path(jupyter_runtime_dir())
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = notebook.metadata.get("kernelspec", {}).get("name", "python3")
    return AsyncKernelManager(kernel_name=name, transport="ipc", ip=str(runtime / f"book-{uuid.uuid4().hex[:12]}"))


async def _run(path: Path, notebook, timeout: int, allow_errors: bool, record_timing: bool) -> Result:
    manager = kernel_manager(notebook)
    client = NotebookClient(notebook, km=manager, timeout=timeout, allow_errors=allow_errors,
                            record_timing=record_timing, resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        await client.async_execute(cleanup_kc=True)  # we made the kernel manager: shut the kernel down
    except (CellExecutionError, CellTimeoutError) as err:
        raise NotebookFailed(f"{path}: a cell failed\n{err}") from None
    finally:
        # Stopped early (another notebook failed): shut the kernel down now, not at exit.
        atexit.unregister(client._cleanup_kernel)
        if manager.has_kernel:
            await manager.shutdown_kernel(now=True)
    return Result(path, notebook, time.perf_counter() - start)


async def _run_all(jobs, workers: int, timeout: int, allow_errors: bool, record_timing: bool, done) -> list[Result]:
    slots = asyncio.Semaphore(workers)

    async def one(path, notebook):
        async with slots:
            result = await _run(path, notebook, timeout, allow_errors, record_timing)
        done(result)
        return result

    tasks = [asyncio.create_task(one(path, notebook)) for path, notebook in jobs]
    try:
        return await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)  # let every kernel shut down
        raise


def run(jobs: list[tuple[Path, nbformat.NotebookNode]], workers: int | None = None, timeout: int = 300,
        allow_errors: bool = False, record_timing: bool = False, done=lambda result: None,
        longest_first: bool = True) -> list[Result]:
    """Execute ``(path, notebook)`` pairs, ``workers`` at a time (default: the cores).

    Longest first, unless ``longest_first`` is false: then in the order given (the build
    gives the order in which Sphinx reads the pages, which wait for their notebooks).
    ``done`` is called with each :class:`Result` as it finishes (the build caches it then).
    Raises :class:`NotebookFailed` at the first cell that raises; the others are stopped.
    """
    workers = workers or os.cpu_count() or 1
    ordered = sorted(jobs, key=lambda job: -expected_seconds(job[1])) if longest_first else list(jobs)

    def go():
        return asyncio.run(_run_all(ordered, workers, timeout, allow_errors, record_timing, done))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return go()
    # Called where an event loop already runs (Jupyter, Playwright's sync API): ours gets a thread.
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(go).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Execute notebooks in parallel (IPC kernels).")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--inplace", action="store_true", help="store the outputs in each notebook")
    parser.add_argument("--workers", type=int, default=None, help="notebooks at once (default: the cores)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds a cell may take")
    args = parser.parse_args(argv)
    jobs = [(path.resolve(), nbformat.read(path, as_version=4)) for path in args.notebooks]

    def report(result: Result) -> None:
        if args.inplace:
            # The same bytes nbconvert --inplace writes: nbformat's JSON and a final newline.
            result.path.write_text(nbformat.writes(result.notebook) + "\n", encoding="utf-8")
        print(f"{result.path.name}: {result.seconds:.1f} s", flush=True)

    start = time.perf_counter()
    try:
        results = run(jobs, workers=args.workers, timeout=args.timeout, record_timing=args.inplace, done=report)
    except NotebookFailed as err:
        print(err, file=sys.stderr)
        return 1
    print(json.dumps({"notebooks": len(results), "seconds": round(time.perf_counter() - start, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
