"""sigdfl.py PROGRAM [ARGS...]: exec PROGRAM with SIGINT at its default action.

lit may run tests with SIGINT ignored (a background job inherits SIG_IGN),
which the runtime respects; tests of ^C start from the default instead."""
import os
import signal
import sys

signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])
