#!/usr/bin/env python3
"""interrupt.py - run a program, interrupt it with real signals, report.

The harness of the end-to-end tests (lit's %interrupt) and of `make demo`:

    interrupt.py [options] -- ./prog args...

1. starts the program with stdout and stderr piped (default signal dispositions
   and an empty signal mask, whatever the caller had: lit's workers ignore
   SIGINT, and so does a non-interactive shell's background job);
2. waits until --marker (default READY) appears on its stdout - the harness
   synchronises on output, never on sleeps;
3. sends SIGINT (--signal), --signals N times: before each further one it
   waits for --next-marker to appear again on stdout (--next-stderr: on
   stderr), or else --interval-ms;
4. waits for the program to exit (--timeout seconds; past that it is killed
   with SIGKILL, TIMEOUT is reported and the harness fails);
5. prints the program's whole stdout, then its stderr with each line prefixed
   "stderr: ", then "status: exit=N" or "status: signal=NAME", then
   "latency_ms: F", the time from the first signal to the exit.

It exits 0 when all that happened as asked, 1 otherwise (the program exited
before the marker, a timeout, or a latency above --max-latency-ms).  The
program's own exit status is reported, not propagated: tests FileCheck it.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time


class Reader(threading.Thread):
    """Drains one pipe into a buffer; lets others wait for a text in it."""

    def __init__(self, pipe):
        super().__init__(daemon=True)
        self.pipe = pipe
        self.data = bytearray()
        self.cond = threading.Condition()
        self.eof = False

    def run(self):
        fd = self.pipe.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            with self.cond:
                if not chunk:
                    self.eof = True
                    self.cond.notify_all()
                    return
                self.data += chunk
                self.cond.notify_all()

    def wait_for(self, text, start, deadline, proc_done):
        """Waits until `text` occurs in the data at or after offset `start`.
        Returns the offset just past it, or None at EOF / deadline / exit."""
        with self.cond:
            while True:
                i = self.data.find(text, start)
                if i >= 0:
                    return i + len(text)
                if self.eof or proc_done.is_set():
                    # One last look: the exit may have raced the last read.
                    i = self.data.find(text, start)
                    return i + len(text) if i >= 0 else None
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(min(left, 0.05))


def signal_number(name):
    name = name.upper()
    if name.isdigit():
        return int(name)
    if not name.startswith("SIG"):
        name = "SIG" + name
    return getattr(signal, name)


def signal_name(num):
    try:
        return signal.Signals(num).name
    except ValueError:
        return str(num)


def child_setup():
    # Default dispositions and an empty mask, whatever the caller had.
    for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGURG,
              signal.SIGPIPE, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(s, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def main(argv):
    ap = argparse.ArgumentParser(
        prog="interrupt.py",
        description="Run a program, interrupt it with signals, report what it did.")
    ap.add_argument("--marker", default="READY",
                    help="text on stdout that says the program is running (default READY)")
    ap.add_argument("--signals", type=int, default=1,
                    help="how many signals to send (default 1; 0: just run it)")
    ap.add_argument("--signal", default="SIGINT", help="which signal (default SIGINT)")
    ap.add_argument("--next-marker", default=None,
                    help="before each further signal, wait for this text to appear again on stdout")
    ap.add_argument("--next-stderr", default=None,
                    help="before each further signal, wait for this text to appear again on stderr")
    ap.add_argument("--interval-ms", type=float, default=100.0,
                    help="without --next-marker or --next-stderr, the time between signals (default 100)")
    ap.add_argument("--after-ms", type=float, default=0.0,
                    help="wait this long after the marker before the first signal (for demos; "
                         "tests synchronise on the marker)")
    ap.add_argument("--timeout", type=float, default=30.0,
                    help="seconds to wait for the marker, and again for the exit (default 30)")
    ap.add_argument("--env", action="append", default=[], metavar="K=V",
                    help="set an environment variable for the program (repeatable)")
    ap.add_argument("--max-latency-ms", type=float, default=None,
                    help="fail if the exit came later than this after the first signal")
    ap.add_argument("--stderr-prefix", default="stderr: ",
                    help='prefix of each stderr line in the report (default "stderr: ")')
    ap.add_argument("cmd", nargs=argparse.REMAINDER, help="-- program and arguments")
    args = ap.parse_args(argv)

    cmd = args.cmd
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    if not cmd:
        ap.error("no program given (put it after --)")
    if args.next_marker is not None and args.next_stderr is not None:
        ap.error("--next-marker and --next-stderr: give one of them")
    sig = signal_number(args.signal)
    env = dict(os.environ)
    for kv in args.env:
        if "=" not in kv:
            ap.error("--env wants K=V, got %r" % kv)
        k, v = kv.split("=", 1)
        env[k] = v

    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, preexec_fn=child_setup)
    except OSError as e:
        print("error: cannot run %s: %s" % (cmd[0], e.strerror))
        return 1

    out, err = Reader(proc.stdout), Reader(proc.stderr)
    out.start()
    err.start()
    done = threading.Event()
    exit_time = [None]

    def waiter():
        proc.wait()  # blocks in waitpid: the exit time is exact, not polled
        exit_time[0] = time.monotonic()
        done.set()
        with out.cond:
            out.cond.notify_all()

    threading.Thread(target=waiter, daemon=True).start()

    problems = []
    first_signal = None
    sent = 0
    marker = args.marker.encode()
    if args.signals > 0:
        pos = out.wait_for(marker, 0, time.monotonic() + args.timeout, done)
        if pos is None:
            if done.is_set():
                problems.append("the program exited before printing the marker %r" % args.marker)
            else:
                problems.append("TIMEOUT: no marker %r within %gs" % (args.marker, args.timeout))
        else:
            if args.after_ms > 0:
                done.wait(args.after_ms / 1000.0)
            if args.next_stderr is not None:
                nxt, watched = args.next_stderr.encode(), err
            elif args.next_marker is not None:
                nxt, watched = args.next_marker.encode(), out
            else:
                nxt, watched = None, None
            for i in range(args.signals):
                if done.is_set():
                    break
                if i > 0:
                    if nxt is not None:
                        p = watched.wait_for(nxt, pos, time.monotonic() + args.timeout, done)
                        if p is None:
                            break
                        pos = p
                    elif done.wait(args.interval_ms / 1000.0):
                        break
                try:
                    os.kill(proc.pid, sig)
                except ProcessLookupError:
                    break
                sent += 1
                if first_signal is None:
                    first_signal = time.monotonic()
                if nxt is not None and i == 0:
                    # Further markers count from the moment of the first signal.
                    with watched.cond:
                        pos = len(watched.data)

    killed = False
    if not done.wait(args.timeout):
        killed = True
        proc.kill()
        done.wait(5)
        problems.append("TIMEOUT: the program did not exit within %gs of the %s; killed it"
                        % (args.timeout, "signal" if sent else "start"))
    out.join(2)
    err.join(2)

    sys.stdout.flush()
    o = sys.stdout.buffer
    o.write(bytes(out.data))
    if out.data and not out.data.endswith(b"\n"):
        o.write(b"\n(no newline at end of stdout)\n")
    for line in bytes(err.data).splitlines():
        o.write(args.stderr_prefix.encode() + line + b"\n")
    rc = proc.returncode
    if killed:
        status = "status: TIMEOUT"
    elif rc is None:
        status = "status: unknown"
    elif rc < 0:
        status = "status: signal=%s" % signal_name(-rc)
    else:
        status = "status: exit=%d" % rc
    o.write(status.encode() + b"\n")
    latency = None
    if first_signal is not None and exit_time[0] is not None:
        latency = (exit_time[0] - first_signal) * 1000.0
        o.write(b"latency_ms: %.3f\n" % latency)
    else:
        o.write(b"latency_ms: none\n")
    if sent:
        o.write(b"signals_sent: %d\n" % sent)
    # The sanitizer suites (lit.cfg.py) scale the bound: the programs run slower.
    if args.max_latency_ms is not None:
        args.max_latency_ms *= float(os.environ.get("CP_LATENCY_SCALE", "1"))
    if (args.max_latency_ms is not None and latency is not None
            and latency > args.max_latency_ms):
        problems.append("latency %.3f ms exceeds the bound of %g ms" % (latency, args.max_latency_ms))
    if args.max_latency_ms is not None and args.signals > 0 and latency is None and not problems:
        problems.append("no latency measured (no signal was sent)")
    for p in problems:
        o.write(b"error: " + p.encode() + b"\n")
    o.flush()
    for p in problems:
        print("interrupt.py: error: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
