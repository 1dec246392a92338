#!/usr/bin/env python3
"""Runs a server with a clean start: no inherited descriptors, no blocked or ignored signals.

  spawn.py PROGRAM [ARGUMENT...]

A test process that starts the world (Foundation's Process, say) hands its children the
signal mask of one of its threads, with SIGTERM blocked, and descriptors it waits on; a
daemon keeping either could not be stopped, or would keep its caller waiting.
"""
import os
import signal
import sys


def main() -> None:
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    for number in range(1, signal.NSIG):
        try:
            signal.signal(number, signal.SIG_DFL)
        except (OSError, ValueError):
            pass
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    os.execvp(sys.argv[1], sys.argv[1:])


if __name__ == "__main__":
    main()
