"""Worker processes for CPU-bound work that pure Python cannot share out among threads.

Forking copies the parent's loaded modules and data and skips a fresh interpreter per worker,
but is only safe in a process with one thread; beside the app's threads, workers are spawned
(or, where a fresh interpreter would cost more than the work, none are used). A forked worker
starts with the whole parent's heap: it is frozen, so its collector never walks it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

MAX_WORKERS = 4


def worker_count() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def can_fork() -> bool:
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes: forked when that is safe, spawned otherwise."""
    context = multiprocessing.get_context("fork" if can_fork() else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=gc.freeze)
