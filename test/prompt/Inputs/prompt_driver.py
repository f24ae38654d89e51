#!/usr/bin/env python3
"""prompt_driver.py - interrupt a program that waits outside instrumented code.

    prompt_driver.py [options] -- ./prog args...

1. starts the program on a pseudo-terminal (--pty: stdin, stdout and stderr
   are the terminal, as at an interactive prompt) or on pipes, with SIGINT
   and the reset signal at their default actions and an empty signal mask;
2. waits for --marker on the terminal (or on --marker-on stdout|stderr);
3. waits until a thread of it is blocked in each system call --blocked
   names (x86_64 numbers, from /proc/PID/task/*/syscall): the interrupt
   reaches it in the wait, not on its way there;
4. interrupts it: ^C written to the terminal (the tty sends SIGINT to the
   foreground process group), or kill(SIGINT) on pipes; --signals 0 sends
   nothing (the program cancels itself);
5. with --alive-ms N, waits N ms and prints "alive after N ms: yes|no";
   then writes --send TEXT to its stdin (the terminal) if given;
6. with --late-stdout, reads nothing from its stdout pipe until then (a
   full pipe keeps the program blocked in a write);
7. waits for the exit and prints what it wrote: terminal lines "tty: ",
   else stdout as is (or, with --lines REGEX, a summary: lines, lines not
   matching, whether the last ends in a newline) and "stderr: " lines;
   then "status: exit=N" or "status: signal=NAME", "latency_ms: F" (from
   the interrupt to the exit).
Exits 1 on a timeout or a latency above --max-latency-ms.
"""

import argparse
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time


class Reader(threading.Thread):
    def __init__(self, fd):
        super().__init__(daemon=True)
        self.fd, self.data, self.cond, self.eof = fd, bytearray(), threading.Condition(), False

    def run(self):
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            with self.cond:
                if not chunk:
                    self.eof = True
                else:
                    self.data += chunk
                self.cond.notify_all()
            if not chunk:
                return

    def wait_for(self, text, deadline):
        with self.cond:
            while text not in self.data:
                if self.eof or time.monotonic() > deadline:
                    return False
                self.cond.wait(0.05)
            return True


def defaults():
    for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGURG, signal.SIGPIPE):
        signal.signal(s, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def blocked_in(pid, nr):
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return False
    for t in tasks:
        try:
            with open("/proc/%d/task/%s/syscall" % (pid, t)) as f:
                if f.read().split(" ", 1)[0] == str(nr):
                    return True
        except OSError:
            pass
    return False


def start(args):
    if args.pty:
        pid, fd = pty.fork()
        if pid == 0:
            defaults()
            try:
                os.execv(args.cmd[0], args.cmd)
            finally:
                os._exit(127)
        return pid, fd, Reader(fd), None, None
    p = subprocess.Popen(args.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, preexec_fn=defaults)
    return p.pid, p.stdin.fileno(), Reader(p.stdout.fileno()), Reader(p.stderr.fileno()), p


def report(args, out, err):
    o = sys.stdout
    if args.pty:
        for line in bytes(out.data).replace(b"\r", b"").decode(errors="replace").splitlines():
            o.write("tty: " + line + "\n")
        return
    text = bytes(out.data).decode(errors="replace")
    if args.lines:
        lines = text.split("\n")
        last_complete = text.endswith("\n") or not text
        body = lines[:-1] if last_complete else lines
        bad = [l for l in body if not re.fullmatch(args.lines, l)]
        o.write("stdout: %d lines, %d not matching, last line complete: %s\n"
                % (len(body), len(bad), "yes" if last_complete else "no"))
    else:
        o.write(text)
    for line in bytes(err.data).decode(errors="replace").splitlines():
        o.write("stderr: " + line + "\n")


def main(argv):
    ap = argparse.ArgumentParser(prog="prompt_driver.py")
    ap.add_argument("--pty", action="store_true")
    ap.add_argument("--marker", default="READY")
    ap.add_argument("--marker-on", choices=["stdout", "stderr"], default="stdout")
    ap.add_argument("--blocked", type=int, action="append", default=[])
    ap.add_argument("--signals", type=int, default=1)
    ap.add_argument("--alive-ms", type=float, default=None)
    ap.add_argument("--send", default=None)
    ap.add_argument("--late-stdout", action="store_true")
    ap.add_argument("--lines", default=None)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--max-latency-ms", type=float, default=None)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    if args.cmd and args.cmd[0] == "--":
        args.cmd = args.cmd[1:]

    pid, infd, out, err, proc = start(args)
    if err:
        err.start()
    if not args.late_stdout:
        out.start()
    done, status, t_exit = threading.Event(), [None], [None]

    def waiter():
        status[0] = os.waitpid(pid, 0)[1]
        t_exit[0] = time.monotonic()
        done.set()

    threading.Thread(target=waiter, daemon=True).start()
    problems, t_sig = [], None
    deadline = time.monotonic() + args.timeout
    src = err if (args.marker_on == "stderr" and not args.pty) else out
    if not src.wait_for(args.marker.encode(), deadline):
        problems.append("no marker %r" % args.marker)
    for nr in args.blocked:
        while not blocked_in(pid, nr) and not done.is_set() and time.monotonic() < deadline:
            time.sleep(0.002)
        if not blocked_in(pid, nr):
            problems.append("not blocked in system call %d" % nr)
    if not problems and args.signals > 0:
        t_sig = time.monotonic()
        if args.pty:
            os.write(infd, b"\x03")
        else:
            os.kill(pid, signal.SIGINT)
    if args.alive_ms is not None:
        done.wait(args.alive_ms / 1000.0)
        print("alive after %g ms: %s" % (args.alive_ms, "no" if done.is_set() else "yes"))
    if args.send is not None and not done.is_set():
        os.write(infd, args.send.encode().decode("unicode_escape").encode())
    if args.late_stdout:
        out.start()
    if not done.wait(args.timeout):
        os.kill(pid, signal.SIGKILL)
        done.wait(5)
        problems.append("TIMEOUT: the program did not exit; killed it")
    out.join(2)
    if err:
        err.join(2)
    report(args, out, err)
    st = status[0]
    if st is not None and os.WIFSIGNALED(st):
        print("status: signal=%s" % signal.Signals(os.WTERMSIG(st)).name)
    elif st is not None:
        print("status: exit=%d" % os.WEXITSTATUS(st))
    lat = None if t_sig is None or t_exit[0] is None else (t_exit[0] - t_sig) * 1000.0
    print("latency_ms: %s" % ("none" if lat is None else "%.3f" % lat))
    if args.max_latency_ms is not None:
        args.max_latency_ms *= float(os.environ.get("CP_LATENCY_SCALE", "1"))
    if args.max_latency_ms is not None and lat is not None and lat > args.max_latency_ms:
        problems.append("latency %.3f ms exceeds %g ms" % (lat, args.max_latency_ms))
    for p in problems:
        print("error: " + p)
    sys.stdout.flush()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
