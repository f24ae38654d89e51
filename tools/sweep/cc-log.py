#!/usr/bin/env python3
# tools/sweep/cc-log.py: the CC of a sweep's capture build.  Runs clang-19
# with the arguments it was given; while $SWEEP_CC_LOG names a file (the
# package's make, not its configure) it also appends one JSON line
# {"cwd", "argv"} per call to that file, and compiles at -O0 (the sweep
# replays every compile at each level itself, so the capture build only has
# to produce what later steps of the build need).
import json
import os
import sys

CLANG = os.environ.get("SWEEP_CLANG", "clang-19")
args = sys.argv[1:]
log = os.environ.get("SWEEP_CC_LOG")
if log:
    line = json.dumps({"cwd": os.getcwd(), "argv": args}) + "\n"
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)
    args = args + ["-O0", "-Wno-#warnings"]
os.execvp(CLANG, [CLANG] + args)
