"""The real ``qcode PROJECT`` in a pseudo-terminal: it draws, takes keys, codes, and quits."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

from qcode.demo.build import build_demo
from qcode.services.coding import list_segments

SHIFT_RIGHT = b"\x1b[1;2C"


def read_until(fd: int, needle: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and needle not in seen:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_qcode_project_opens_codes_and_quits_cleanly(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    project.close()
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "QCODE_CODER": "smoke",
        "COLUMNS": "120",
        "LINES": "40",
    }
    pid, fd = pty.fork()
    if pid == 0:  # the child becomes qcode
        os.execvpe(
            sys.executable, [sys.executable, "-m", "qcode", str(tmp_path / "demo.qcode")], env
        )
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    try:
        screen = read_until(fd, b"Codebook", 30)
        assert b"Codebook" in screen, screen[-500:]
        time.sleep(1.0)
        os.write(fd, SHIFT_RIGHT * 10)
        time.sleep(0.5)
        os.write(fd, b"3")
        assert b"coded" in read_until(fd, b"coded", 10)
        os.write(fd, b"q")
        read_until(fd, b"\x00never", 3)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    from qcode.services.projects import open_project

    with open_project(tmp_path / "demo.qcode") as reopened:
        (segment,) = list_segments(reopened)
    assert (segment.code, segment.coder, segment.end - segment.start) == (
        "Coordination complexity",
        "smoke",
        10,
    )
