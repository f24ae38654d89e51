#!/usr/bin/env python3
"""prompt.py - ^C-to-exit latency of a program waiting at a prompt.

    python3 bench/latency/prompt.py --cpcc build/bin/cpcc [--clang clang-19] [--trials 1000]
                                    [--loop] [--busy N]

Builds prompt.c (fgets on the terminal) with cpcc and with plain clang,
both -O2.  Each trial starts the program on a pseudo-terminal, waits for
its prompt and until it is blocked in read (/proc/PID/syscall), writes ^C
to the terminal (the tty sends SIGINT to the foreground process group) and
times from that write to waitpid's return; it checks the exit status (130
for cpcc's build, killed by SIGINT for plain clang's).  Trials alternate
between the two builds, one process at a time.  Prints p50/p90/p99/max in
milliseconds per build.
  --loop    the program computes in a loop of its own instead (^C once it
            says it is looping)
  --busy N  N processes spin on the CPU during the trials (N = cores - 1:
            "the other core busy")
"""
import argparse
import os
import pty
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def build(cc, out):
    subprocess.check_call([cc, "-O2", os.path.join(HERE, "prompt.c"), "-o", out])


def defaults():
    for s in (signal.SIGINT, signal.SIGURG, signal.SIGPIPE):
        signal.signal(s, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def blocked_in_read(pid):
    try:
        with open("/proc/%d/syscall" % pid) as f:
            return f.read().startswith("0 ")
    except OSError:
        return False


def trial(prog, loop):
    pid, fd = pty.fork()
    if pid == 0:
        defaults()
        try:
            os.execv(prog, [prog] + (["loop"] if loop else []))
        finally:
            os._exit(127)
    buf = b""
    marker = b"LOOPING" if loop else b"PROMPT> "
    while marker not in buf:
        buf += os.read(fd, 1024)
    while not loop and not blocked_in_read(pid):
        time.sleep(0.0005)
    t0 = time.monotonic()
    os.write(fd, b"\x03")
    _, st = os.waitpid(pid, 0)
    t1 = time.monotonic()
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.close(fd)
    return (t1 - t0) * 1000.0, st


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpcc", required=True)
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--trials", type=int, default=1000)
    ap.add_argument("--loop", action="store_true")
    ap.add_argument("--busy", type=int, default=0)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    progs = {"cpcc": os.path.join(tmp, "prompt_cpcc"), "clang": os.path.join(tmp, "prompt_clang")}
    build(a.cpcc, progs["cpcc"])
    build(a.clang, progs["clang"])
    want = {"cpcc": lambda st: os.WIFEXITED(st) and os.WEXITSTATUS(st) == 130,
            "clang": lambda st: os.WIFSIGNALED(st) and os.WTERMSIG(st) == signal.SIGINT}
    lat = {k: [] for k in progs}
    bad = {k: 0 for k in progs}
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                for _ in range(a.busy)]
    try:
        for _ in range(a.trials):
            for k, prog in progs.items():
                ms, st = trial(prog, a.loop)
                lat[k].append(ms)
                bad[k] += not want[k](st)
    finally:
        for p in spinners:
            p.kill()
    print("| build | trials | p50 ms | p90 ms | p99 ms | max ms | wrong exits |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for k in progs:
        x = lat[k]
        print("| %s | %d | %.2f | %.2f | %.2f | %.2f | %d |"
              % (k, len(x), pct(x, 50), pct(x, 90), pct(x, 99), max(x), bad[k]))
    return 1 if any(bad.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
