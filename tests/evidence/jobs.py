"""Jobs for the sandbox tests: real misbehaviour in a real child process."""

from __future__ import annotations

import os
import signal
import sys
import time


def echo(value):
    return value


def spin():
    while True:
        pass


def sleep():
    time.sleep(3600)


def allocate(mb: int):
    try:
        block = bytearray(mb * 1024 * 1024)
        return len(block)
    except MemoryError:
        return "memory"


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def chatter():
    print("traceback-like noise on stdout")
    sys.stderr.write("Traceback (most recent call last): noise on stderr\n")
    os.write(2, b"raw noise on fd 2\n")
    return "said nothing"


def write_file(path: str):
    with open(path, "w") as fh:
        fh.write("x" * 10)
    return "wrote"


def boom():
    raise ValueError("not for users")
