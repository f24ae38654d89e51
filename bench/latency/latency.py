"""latency.py: cancellation latency, one trial per process (the runtime has
only a process-wide request so far: delivery ends the process).

Called by bench/harness.py: measure(...) builds bench/latency/lat_{work,
driver,helper}.c (only lat_work.c with the plugin, full mode), runs
`lat SCENARIO SEED` trials (scenarios interleaved round-robin, serial: one
process at a time, so trials do not compete for the 2 cores) and returns the
samples in microseconds."""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))

SCENARIOS = [
    # key, name, what, target_us
    ("pure", "effect-free loop",
     "reset path: requester thread calls cp_cancel_process(); worker in an effect-free "
     "loop nest is rewound to its point; end: exit(130) called", 50),
    ("effects", "loop with effects",
     "poll path: as above, the worker's loop stores to a global", 50),
    ("constcall", "cp_check + const call (other TU)",
     "worker loops `while (cp_check() == 0) acc += slow_const(acc)`, slow_const "
     "uninstrumented, ~1 ms per call; time where cp_check returns -1", 50),
    ("sigint", "SIGINT, effect-free loop",
     "requester thread timestamps, then kill(getpid(), SIGINT); worker as in "
     "'effect-free loop'; end: exit(130) called", 50),
    ("self", "floor: self-request",
     "worker calls cp_cancel_process() itself, then enters the loop: no signal, "
     "just request call -> point -> report line -> exit(130)", None),
]


SCOPE_SCENARIOS = [
    ("pure", "scope: effect-free loop",
     "cp_scope_cancel(s) from another thread; worker in cp_scope_run(s) in an effect-free "
     "loop nest (reset path); end: cp_scope_run returned -1/ECANCELED", 50),
    ("effects", "scope: loop with effects",
     "as above, the worker's loop stores to a global (poll path)", 50),
    ("constcall", "scope: cp_check + const call (other TU)",
     "as above, worker loops `while (cp_check() == 0) acc += slow_const(acc)`, "
     "slow_const uninstrumented, ~1 ms per call", 50),
]


# Not a cancellation: the kernel's own signal path, for comparison.
FLOOR_SCENARIO = ("signal", "floor: a bare signal",
                  "no request: the requester tgkill()s SIGUSR1 to the worker spinning in "
                  "a plain loop (in a scope, uninstrumented); end: the handler ended the "
                  "loop and cp_scope_run returned. What a signal costs here: the reset path "
                  "and a blocked call need one, so they cannot beat this", None)


READ_SCENARIO = ("read", "scope: blocked in cp_read",
                 "worker in cp_scope_run(s) blocked in cp_read() on an empty pipe; "
                 "cp_scope_cancel(s) from another thread; end: cp_scope_run returned -1", 100)


def runtime_declares(tc, header, name):
    """Does the runtime's header declare name (an API the runtime has)?"""
    try:
        with open(os.path.join(tc.inc, header)) as f:
            return name in f.read()
    except OSError:
        return False


def build_scope(tc, out, run, clang):
    d = os.path.join(out, "latency")
    exe = os.path.join(d, "lat_scope")
    cmd = [clang, "-O2", "-pthread", "-I" + tc.inc, os.path.join(HERE, "lat_scope.c"),
           os.path.join(d, "lat_work.o"), os.path.join(d, "lat_helper.o"), "-o", exe] + tc.rt_libs()
    run(cmd, env=tc.env)
    return exe, " ".join(cmd)


def measure_scope(tc, out, trials, log, run, clang, res, root):
    try:
        exe, cmd = build_scope(tc, out, run, clang)
    except Exception as e:  # noqa: BLE001
        res["details"].append("- scope scenarios not built: `%s`" % str(e).replace("\n", " ")[-600:])
        return False
    res["details"][2:2] = [cmd.replace(root + "/", "")]
    chunk = 250
    io = [READ_SCENARIO] if runtime_declares(tc, "cancelpoints_io.h", "cp_read") else []
    for k, name, what, target in SCOPE_SCENARIOS + io + [FLOOR_SCENARIO]:
        lat, req, aft, rcs, notes = [], [], [], {}, ""
        seed = 1000
        while len(lat) < trials:
            n = min(chunk, trials - len(lat))
            seed += 100003
            try:
                p = subprocess.run([exe, k, str(n), str(seed)], env=tc.env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, timeout=60 + n * 0.05)
            except subprocess.TimeoutExpired:
                notes = "a process of %d trials timed out" % n
                break
            got = 0
            for line in p.stdout.splitlines():
                f = line.split()
                if len(f) >= 10 and f[0] == "latency_ns:":
                    lat.append(int(f[1]) / 1000.0)
                    req.append(int(f[3]) / 1000.0)
                    aft.append(int(f[5]) / 1000.0)
                    rcs["%s/%s" % (f[7], f[9])] = rcs.get("%s/%s" % (f[7], f[9]), 0) + 1
                    got += 1
            if got == 0:
                notes = "no trial output (exit %d): %s" % (p.returncode, p.stderr.strip()[-300:])
                break
        med = lambda xs: sorted(xs)[len(xs) // 2] if xs else None  # noqa: E731
        rcnote = "rc/errno %s" % ", ".join("%s: %d" % kv for kv in sorted(rcs.items()))
        res["scenarios"].append({"key": "scope-" + k, "name": name, "what": what,
                                 "target_us": target, "samples_us": lat,
                                 "notes": rcnote + ("; " + notes if notes else ""),
                                 "request_p50_us": med(req), "after_request_p50_us": med(aft),
                                 "tail_p50_us": None})
        xs = sorted(lat)
        if xs:
            log("  %-36s n=%d p50=%.1fus p99=%.1fus max=%.1fus %s" % (
                name, len(xs), xs[len(xs) // 2], xs[max(0, int(0.99 * len(xs)) - 1)], xs[-1], rcnote))
    return True


def build(tc, out, run, clang):
    d = os.path.join(out, "latency")
    os.makedirs(d, exist_ok=True)
    fl, env = tc.mode_flags("full")
    inc = ["-I" + tc.inc]
    work_o = os.path.join(d, "lat_work.o")
    cmds = [
        ([clang, "-O2"] + inc + fl + ["-c", os.path.join(HERE, "lat_work.c"), "-o", work_o], env),
        ([clang, "-O2", "-c", os.path.join(HERE, "lat_helper.c"), "-o",
          os.path.join(d, "lat_helper.o")], tc.env),
        ([clang, "-O2", "-pthread"] + inc + [os.path.join(HERE, "lat_driver.c"), work_o,
                                              os.path.join(d, "lat_helper.o"), "-o",
                                              os.path.join(d, "lat"), "-Wl,--wrap=exit"]
         + tc.rt_libs(), tc.env),
    ]
    for c, e in cmds:
        run(c, env=e)
    return os.path.join(d, "lat"), [" ".join(c) for c, _ in cmds]


def measure(tc, out, trials, log, run, clang):
    exe, cmds = build(tc, out, run, clang)
    root = os.path.dirname(os.path.dirname(HERE))
    res = {"scenarios": [], "details": []}
    samples = {k: [] for k, *_ in SCENARIOS}
    reqs = {k: [] for k, *_ in SCENARIOS}
    tails = {k: [] for k, *_ in SCENARIOS}
    afters = {k: [] for k, *_ in SCENARIOS}
    how = {k: {} for k, *_ in SCENARIOS}
    codes = {k: {} for k, *_ in SCENARIOS}
    timeouts = {k: 0 for k, *_ in SCENARIOS}
    stderr_sample = {}
    dead = set()
    seed = 1
    errf = os.path.join(out, "latency", "stderr.txt")
    for i in range(trials):
        for k, *_ in SCENARIOS:
            if k in dead:
                continue
            seed += 1
            try:
                # stderr (the runtime's report line) goes to a file, not a pipe:
                # a write to a pipe can wake the reader and cost the writer a
                # context switch inside the measured interval.
                with open(errf, "w+") as ef:
                    p = subprocess.run([exe, k, str(seed)], env=tc.env, stdout=subprocess.PIPE,
                                       stderr=ef, text=True, timeout=5)
                    ef.seek(0)
                    p.stderr = ef.read()
            except subprocess.TimeoutExpired:
                timeouts[k] += 1
                if timeouts[k] >= 5 and not samples[k]:
                    dead.add(k)
                    log("  latency %s: 5 trials not cancelled within 5 s; giving up" % k)
                continue
            codes[k][p.returncode] = codes[k].get(p.returncode, 0) + 1
            stderr_sample.setdefault(k, p.stderr.strip()[:300])
            lat = by = None
            for line in p.stdout.splitlines():
                if line.startswith("latency_ns:"):
                    lat = int(line.split()[1])
                elif line.startswith("request_ns:") and int(line.split()[1]) >= 0:
                    reqs[k].append(int(line.split()[1]) / 1000.0)
                elif line.startswith("after_request_ns:") and int(line.split()[1]) > -999999999:
                    afters[k].append(int(line.split()[1]) / 1000.0)
                elif line.startswith("tail_ns:") and int(line.split()[1]) >= 0:
                    tails[k].append(int(line.split()[1]) / 1000.0)
                elif line.startswith("delivered_by:"):
                    by = line.split(":", 1)[1].strip()
            if lat is not None:
                samples[k].append(lat / 1000.0)
                how[k][by] = how[k].get(by, 0) + 1
        if (i + 1) % max(1, trials // 4) == 0:
            log("  latency: %d/%d trials" % (i + 1, trials))
    for k, name, what, target in SCENARIOS:
        notes = "exit codes %s" % ", ".join("%s: %d" % kv for kv in sorted(codes[k].items()))
        if timeouts[k]:
            notes += "; %d not cancelled within 5 s" % timeouts[k]
        med = lambda xs: sorted(xs)[len(xs) // 2] if xs else None  # noqa: E731
        res["scenarios"].append({"key": k, "name": name, "what": what, "target_us": target,
                                 "samples_us": samples[k], "notes": notes,
                                 "request_p50_us": med(reqs[k]), "tail_p50_us": med(tails[k]),
                                 "after_request_p50_us": med(afters[k]),
                                 "delivered_by": how[k]})
        xs = sorted(samples[k])
        if xs:
            log("  %-36s n=%d p50=%.1fus p99=%.1fus max=%.1fus %s" % (
                name, len(xs), xs[len(xs) // 2], xs[max(0, int(0.99 * len(xs)) - 1)], xs[-1], notes))
    res["intro"] = (
        "Process-wide rows: one trial per process (`bench/latency/lat_driver.c`), a "
        "process-wide request (`cp_cancel_process()`, or SIGINT) whose delivery ends the "
        "process through the root scope. The request "
        "lands 100-2000 us (pseudo-random) after the worker entered its loop; t_req is "
        "read with cp_now() (CLOCK_MONOTONIC) immediately before the request call "
        "(`cp_cancel_process()` or `kill(getpid(), SIGINT)`) on the requesting thread, "
        "so the request's own cost (the runtime's broadcast to every thread) is inside "
        "the figure; the `request call` column is its median duration alone. For "
        "implicit points the end is the moment the delivering thread calls exit(130) "
        "(the program is linked with `-Wl,--wrap=exit` and reads the clock there), "
        "after the point was reached, the runtime wrote its report line to stderr (a "
        "file here); `exit->atexit` is the median time from there to the program's "
        "atexit handler. For cp_check the end is where it returned -1/ECANCELED. Only "
        "`lat_work.c` is built with the plugin. Trials run one at a time on a 2-core "
        "machine with other work on it, so the tail includes scheduler noise (the "
        "worker and the requester each need a core).")
    res["details"] = ["Build:", "```"] + [c.replace(root + "/", "") for c in cmds] + ["```"]
    if runtime_declares(tc, "cancelpoints.h", "cp_scope_run"):
        if measure_scope(tc, out, trials, log, run, clang, res, root):
            res["intro"] += (
                " The `scope:` rows measure DESIGN.md's target directly, many trials per "
                "process (`bench/latency/lat_scope.c`): from the instant before "
                "`cp_scope_cancel(s)` on a requester thread to the instant `cp_scope_run(s, ...)` "
                "returned -1/ECANCELED on the worker; the targets apply to them, and the "
                "process-wide rows above them (delivery by exit) are informative.")
            for sc in res["scenarios"]:
                if not sc["key"].startswith("scope-"):
                    sc["target_us"] = None
    for k, *_ in SCENARIOS:
        if how[k]:
            res["details"].append("- %s: delivered by %s; stderr of one trial: `%s`" % (
                k, ", ".join("%s (%d)" % kv for kv in how[k].items()),
                stderr_sample.get(k, "").replace("`", "'").replace("\n", " | ")))
    return res
