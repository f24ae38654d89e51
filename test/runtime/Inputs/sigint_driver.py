"""Drive a program with SIGINTs, step by step, for the runtime's lit tests.

usage: sigint_driver.py PROGRAM [ARGS...]

Runs PROGRAM with SIGINT at its default action (whatever the caller had),
stdout on a pipe.  Every line the program prints is echoed with "out: ".
A line "armed" makes the driver send one SIGINT to the process.  At the
end it prints how the program ended: "exit N" or "killed by SIGNAME".
Nothing is timed: the program's lines are the synchronisation; a watchdog
(60 s) kills a program that hangs, so a broken runtime fails.
"""
import signal
import subprocess
import sys
import threading


def main():
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    watchdog = threading.Timer(60, p.kill)
    watchdog.start()
    sent = 0
    for line in p.stdout:
        line = line.rstrip("\n")
        print("out: " + line, flush=True)
        if line == "armed":
            sent += 1
            print("driver: SIGINT %d" % sent, flush=True)
            p.send_signal(signal.SIGINT)
    rc = p.wait()
    watchdog.cancel()
    if rc < 0:
        print("killed by " + signal.Signals(-rc).name)
    else:
        print("exit %d" % rc)


main()
