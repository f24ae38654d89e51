#!/usr/bin/env python3
# tools/sweep/sweep.py: compile every C file of real code bases with cpcc at
# each optimisation level, with the verifier run after the pass, and report
# crashes and verifier errors (`make sweep` runs this).
#
# For each Debian bookworm source package (fetched with apt-get source, a
# deb-src entry added if there is none) it configures and builds the package
# once with plain clang-19 through tools/sweep/cc-log.py, which records every
# compiler call of the build.  Then it replays each C compile, once per
# source file, with cpcc at each level:
#     cpcc <the build's flags> -O<level> -w -fno-crash-diagnostics
#          -mllvm -cancelpoints-verify -mllvm -cancelpoints-verify-fatal
#          -c <file> -o /dev/null
# (the build's -O, -o, -c, -Werror, dependency-file and link-only arguments
# are dropped).  A compile that fails is run again with plain clang
# (CANCELPOINTS_DISABLE=1, which drops the -mllvm -cancelpoints-* options):
# when that fails too, the file is counted under "plain fails", not as ours.
# Ours are split into crashes (a signal, "PLEASE submit a bug report"),
# verifier errors ("cancelpoints: produced invalid IR") and other errors.
#
# Writes WORK/logs/PKG/LEVEL/<file>.log for each failure (the command, the
# plugin's and plain clang's output), WORK/results/PKG.json and the summary
# WORK/SWEEP.md, which it also prints.  Exits 1 when the pass crashed, broke
# the IR or failed a compile plain clang accepts, 2 when a package could not
# be fetched or built.
#   --cpcc PATH        the cpcc to test (default build/bin/cpcc)
#   --packages "A B"   Debian source packages (default: all in RECIPES)
#   --levels "O1 O2"   levels (default O1 O2 O3 Os)
#   --work DIR         default $SWEEP_WORK, else /tmp/cp-sweep; sources and
#                      capture builds are kept and reused while the recipe
#                      and the source version stay the same; a package's
#                      results are reused while cpcc, its plugin and the
#                      levels stay the same (--fresh redoes them)
#   --jobs N           parallel compiles (default 2)
import argparse
import concurrent.futures as cf
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Recipes: run with sh -c in the unpacked tree, with CC (the logging
# wrapper) and CFLAGS exported.  Configure steps run unlogged; SWEEP_CC_LOG
# is exported only for the part after "::" (the build proper).  Packages
# whose Debian source has no configure script build with cmake, since the
# autotools are not needed otherwise; before configuring, FREEZE makes the
# shipped autotools output newer than its inputs (which Debian's patches
# touch), so make does not try to regenerate it.
RECIPES = {
    # the bench-real packages
    "zlib": "./configure --static :: make -j2 libz.a minigzip example",
    "bzip2": ':: make -j2 CC="$CC" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" all',
    "xz-utils": "./configure --disable-shared --disable-nls --disable-doc :: make -j2",
    "lua5.4": ':: make -j2 -C src linux CC="$CC" MYCFLAGS="$CFLAGS"',
    "sqlite3": "./configure --disable-shared --disable-tcl --disable-readline --disable-editline :: make -j2 sqlite3",
    "lz4": ':: make -j2 -C lib liblz4.a CC="$CC" CFLAGS="$CFLAGS" && make -j2 -C programs lz4 CC="$CC" CFLAGS="$CFLAGS"',
    "libzstd": ':: make -j2 -C lib libzstd.a CC="$CC" CFLAGS="$CFLAGS" && make -j2 -C programs zstd CC="$CC" CFLAGS="$CFLAGS" HAVE_ZLIB=0 HAVE_LZMA=0 HAVE_LZ4=0',
    # more code bases: a shell, text tools, an interpreter, libraries,
    # a database, codecs, a network server
    # Debian's privmode patch adds src/priv.c to Makefile.am only
    "dash": './configure :: make -C src priv.o && make -j2 dash_LDADD="builtins.o init.o nodes.o signames.o syntax.o priv.o"',
    "sed": "./configure --disable-nls --without-selinux :: make -j2",
    "gawk": "./configure --disable-nls --without-readline --without-mpfr :: make -j2 -C support && make -j2 gawk",
    # expat: Debian's patches test "#if XML_DTD == 1", which its cmake's empty
    # XML_DTD breaks, so XML_DTD=1 comes from CFLAGS instead
    "libyaml": 'cmake -S . -B _sweep -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE= -DBUILD_SHARED_LIBS=OFF :: cmake --build _sweep -j2',
    "expat": 'cmake -S expat -B _sweep -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS -DXML_DTD=1" -DCMAKE_BUILD_TYPE= '
             '-DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_DOCS=OFF -DEXPAT_DTD=OFF :: cmake --build _sweep -j2',
    "jansson": 'cmake -S . -B _sweep -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE= -DBUILD_SHARED_LIBS=OFF -DJANSSON_BUILD_DOCS=OFF :: cmake --build _sweep -j2',
    "pcre2": "./configure --disable-shared --enable-jit :: make -j2",
    "libpng1.6": "./configure --disable-shared :: make -j2",
    "lmdb": ':: make -j2 -C libraries/liblmdb CC="$CC" OPT="$CFLAGS" XCFLAGS= liblmdb.a mdb_stat mdb_copy mdb_dump mdb_load mtest',
    "libogg": "./configure --disable-shared :: make -j2",
    "flac": "./configure --disable-shared --disable-ogg --disable-cpplibs --disable-doxygen-docs --disable-xmms-plugin :: make -j2",
    "nginx": './configure --with-cc="$CC" --with-cc-opt="$CFLAGS" --without-http_rewrite_module --without-http_gzip_module --with-stream :: make -j2',
    "dropbear": "./configure --disable-zlib --disable-pam --disable-lastlog :: make -j2",
    "diffutils": "./configure --disable-nls :: make -j2",
}
FREEZE = ("find . \\( -name aclocal.m4 -o -name configure -o -name Makefile.in -o -name config.h.in -o -name configh.in -o -name config_h.in -o -name config.hin "
          "-o -name '*.info' \\) -exec touch {} +")
# the capture build's CFLAGS: Debian's defaults with its hardening flags, so
# the replayed compiles look like a Debian build's (their -O is replaced)
CFLAGS = "-O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2"
# lua5.4 first reverts Debian's libtool
# build system to upstream's Makefile
PREPARE = {
    "lua5.4": "patch -R -s -p1 <debian/patches/0001-build-system.patch && "
              "printf '#define DEB_HOST_MULTIARCH \"%s\"\\n' \"$(dpkg-architecture -qDEB_HOST_MULTIARCH)\" "
              ">src/lua5.4-deb-multiarch.h",
}

LEVELS = ["O1", "O2", "O3", "Os"]


def say(msg):
    print("sweep: " + msg, flush=True)


def sh(cmd, log, cwd=None, env=None, append=False):
    with open(log, "a" if append else "w") as f:
        f.write("$ " + cmd + "\n")
        f.flush()
        return subprocess.run(cmd, shell=True, cwd=cwd, env=env, stdout=f,
                              stderr=subprocess.STDOUT).returncode


# --- sources ---------------------------------------------------------------
def add_deb_src(log):
    files = ["/etc/apt/sources.list"] + glob.glob("/etc/apt/sources.list.d/*")
    for fn in files:
        try:
            text = open(fn).read()
        except OSError:
            continue
        if re.search(r"^(deb-src |Types:.*deb-src)", text, re.M):
            return
    if os.getuid() != 0:
        sys.exit("sweep: error: no deb-src entry in /etc/apt/sources.list*, and not root to add one")
    deb = "/etc/apt/sources.list.d/debian.sources"
    if os.path.exists(deb):
        out = "/etc/apt/sources.list.d/cancelpoints-src.sources"
        text = re.sub(r"^Types:.*$", "Types: deb-src", open(deb).read(), flags=re.M)
    else:
        out = "/etc/apt/sources.list.d/cancelpoints-src.list"
        lines = open("/etc/apt/sources.list").read().splitlines()
        text = "".join("deb-src " + l[4:] + "\n" for l in lines if l.startswith("deb "))
        if not text:
            sys.exit("sweep: error: no Debian deb entry to derive a deb-src entry from")
    open(out, "w").write(text)
    say("added " + out)
    if sh("apt-get update -qq", log) != 0:
        sys.exit("sweep: error: apt-get update failed (see %s)" % log)


def fetch(work, pkg):
    d = os.path.join(work, "src", pkg)
    if os.path.exists(os.path.join(d, ".unpacked")):
        return d
    log = os.path.join(work, "logs", "fetch-%s.log" % pkg)
    add_deb_src(log)
    shutil.rmtree(d, ignore_errors=True)
    tmp = d + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    say("apt-get source " + pkg)
    ok = sh("apt-get source --download-only -qq " + shlex.quote(pkg), log, cwd=tmp) == 0
    if not ok:  # the newest version may be missing from the mirror
        out = subprocess.run(["apt-cache", "showsrc", pkg], capture_output=True, text=True).stdout
        vers = sorted(set(re.findall(r"^Version: (\S+)", out, re.M)), reverse=True)
        for v in vers:
            shutil.rmtree(tmp, ignore_errors=True)
            os.makedirs(tmp)
            if sh("apt-get source --download-only -qq %s=%s" % (shlex.quote(pkg), shlex.quote(v)),
                  log, cwd=tmp, append=True) == 0:
                ok = True
                break
    if not ok:
        return None
    os.rename(tmp, d)
    if sh("dpkg-source -x ./*.dsc tree", log, cwd=d, append=True) != 0:
        return None
    if pkg in PREPARE and sh(PREPARE[pkg], log, cwd=os.path.join(d, "tree"), append=True) != 0:
        return None
    open(os.path.join(d, ".unpacked"), "w").close()
    return d


def dsc_name(srcdir):
    dsc = glob.glob(os.path.join(srcdir, "*.dsc"))
    return os.path.basename(dsc[0])[:-4] if dsc else "?"


# --- capture build -----------------------------------------------------------
def capture(work, pkg, srcdir):
    """Builds PKG with the logging wrapper; returns the path of its call log."""
    recipe = RECIPES[pkg]
    conf, _, build = recipe.partition("::")
    bdir = os.path.join(work, "build", pkg)
    calls = os.path.join(work, "build", pkg + ".calls")
    stamp_file = os.path.join(work, "build", pkg + ".stamp")
    stamp = "%s\n%s\n%s\n%s" % (recipe, CFLAGS, dsc_name(srcdir), open(os.path.join(HERE, "cc-log.py")).read())
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp and os.path.exists(calls):
        return calls
    say("building %s (capture)" % pkg)
    shutil.rmtree(bdir, ignore_errors=True)
    for f in (calls, stamp_file):
        if os.path.exists(f):
            os.remove(f)
    os.makedirs(os.path.dirname(bdir), exist_ok=True)
    subprocess.run(["cp", "-a", os.path.join(srcdir, "tree"), bdir], check=True)
    env = dict(os.environ, CC=os.path.join(HERE, "cc-log.py"), CFLAGS=CFLAGS)
    env.pop("SWEEP_CC_LOG", None)
    log = os.path.join(work, "logs", "build-%s.log" % pkg)
    t = time.time()
    if conf.strip() and sh(FREEZE + " && " + conf.strip(), log, cwd=bdir, env=env) != 0:
        say("FAIL: configuring %s failed; see %s" % (pkg, log))
        return None
    env["SWEEP_CC_LOG"] = calls + ".tmp"
    if os.path.exists(calls + ".tmp"):
        os.remove(calls + ".tmp")
    rc = sh(build.strip(), log, cwd=bdir, env=env, append=True)
    if rc != 0 or not os.path.exists(calls + ".tmp"):
        say("FAIL: building %s failed; see %s" % (pkg, log))
        return None
    os.rename(calls + ".tmp", calls)
    open(stamp_file, "w").write(stamp)
    say("built %s in %d s" % (pkg, time.time() - t))
    return calls


# --- replay ------------------------------------------------------------------
DROP_WITH_ARG = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-S", "-MD", "-MMD", "-MP", "-M", "-MM", "-shared", "-static", "-rdynamic",
        "-pie", "-no-pie", "-O0", "-Wno-#warnings"}
LINK_INPUT = re.compile(r".*\.(o|a|so(\.\d+)*|lo|la)$")


def compiles(calls):
    """[(cwd, source, args without source/output)], one per C source file."""
    seen = {}
    for line in open(calls):
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        argv = rec["argv"]
        if any(a in ("-E", "-M", "-MM", "-fsyntax-only") for a in argv):
            continue
        if any(a == "-x" and argv[i + 1:i + 2] != ["c"] or a.startswith("-x") and a not in ("-x", "-xc")
               for i, a in enumerate(argv)):
            continue
        rest, sources = [], []
        i = 0
        while i < len(argv):
            a = argv[i]
            if a in DROP_WITH_ARG:
                i += 2
                continue
            if (a in DROP or re.fullmatch(r"-O.*", a) or a.startswith("-Werror")
                    or a.startswith("-Wl,") or re.fullmatch(r"-[lL].+", a)
                    or a.startswith("-o") and len(a) > 2 or a.startswith("-MF")):
                i += 1
                continue
            if a in ("-l", "-L"):
                i += 2
                continue
            if a in ("-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter",
                     "-imacros", "-Xclang", "-mllvm", "-target"):
                rest += [a, argv[i + 1]] if i + 1 < len(argv) else [a]
                i += 2
                continue
            if a.endswith(".c") and not a.startswith("-"):
                sources.append(a)
            elif not a.startswith("-") and LINK_INPUT.match(a):
                pass
            else:
                rest.append(a)
            i += 1
        for s in sources:
            full = os.path.realpath(os.path.join(rec["cwd"], s))
            if full not in seen:
                seen[full] = (rec["cwd"], s, rest)
    return [(cwd, s, rest, full) for full, (cwd, s, rest) in seen.items()]


def classify(rc, err):
    if "cancelpoints: produced invalid IR" in err:
        return "verifier"
    if (rc < 0 or "PLEASE submit a bug report" in err or "due to signal" in err
            or "Stack dump:" in err):
        return "crash"
    if rc == 124:
        return "timeout"
    return "error"


def run(cmd, cwd, env, timeout):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                           errors="replace", timeout=timeout)
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        return 124, "timed out after %d s\n" % timeout


def one(task):
    cpcc, work, pkg, level, cwd, src, rest, full, timeout, root = task
    cmd = [cpcc] + rest + ["-" + level, "-w", "-fno-crash-diagnostics"] + VERIFY + \
        ["-c", src, "-o", "/dev/null"]
    env = dict(os.environ)
    env.pop("CANCELPOINTS_DISABLE", None)
    t = time.time()
    rc, out = run(cmd, cwd, env, timeout)
    secs = time.time() - t
    if rc == 0:
        return (level, full, "ok", None, secs)
    kind = classify(rc, out)
    prc, pout = run(cmd, cwd, dict(env, CANCELPOINTS_DISABLE="1"), timeout)
    if prc != 0:
        kind = "plain"
    rel = os.path.relpath(full, root) if full.startswith(root + os.sep) else full.lstrip("/")
    log = os.path.join(work, "logs", pkg, level, rel.replace("/", "__") + ".log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    with open(log, "w") as f:
        f.write("# %s: %s at -%s: %s\n" % (pkg, rel, level, kind))
        f.write("cd %s && %s\n" % (shlex.quote(cwd), " ".join(shlex.quote(c) for c in cmd)))
        f.write("# exit %d\n%s\n# the same with CANCELPOINTS_DISABLE=1 (plain clang): exit %d\n%s"
                % (rc, out, prc, pout))
    return (level, full, kind, log, secs)


# The verifier after the pass, and an error (not a function quietly left
# uninstrumented, the pass's default) when it finds invalid IR.
VERIFY = ["-mllvm", "-cancelpoints-verify", "-mllvm", "-cancelpoints-verify-fatal"]


def fingerprint(cpcc, levels):
    h = hashlib.sha256()
    h.update(open(cpcc, "rb").read())
    h.update(" ".join(levels + VERIFY).encode())
    out = subprocess.run([cpcc, "-###", "-c", "-x", "c", "/dev/null", "-o", "/dev/null"],
                         capture_output=True, text=True, env=dict(os.environ, CPCC_VERBOSE="1")).stderr
    for m in re.findall(r"-fpass-plugin=(\S+?)\"?(?:\s|$)", out):
        if os.path.isfile(m):
            h.update(open(m, "rb").read())
    return h.hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description="compile real C code bases with cpcc at each level")
    ap.add_argument("--cpcc", default=os.path.join(REPO, "build", "bin", "cpcc"))
    ap.add_argument("--packages", default="")
    ap.add_argument("--levels", default="")
    ap.add_argument("--work", default=os.environ.get("SWEEP_WORK", "/tmp/cp-sweep"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=900, help="seconds per compile")
    ap.add_argument("--fresh", action="store_true", help="redo results even when cached")
    a = ap.parse_args()
    start = time.time()
    cpcc = os.path.abspath(a.cpcc)
    if not os.access(cpcc, os.X_OK):
        sys.exit("sweep: error: cpcc not found at '%s' (build it with `make`)" % a.cpcc)
    if not shutil.which("clang-19"):
        sys.exit("sweep: error: clang-19 not found (make installs it)")
    pkgs = a.packages.split() or list(RECIPES)
    for p in pkgs:
        if p not in RECIPES:
            sys.exit("sweep: error: no recipe for '%s' (known: %s)" % (p, " ".join(RECIPES)))
    levels = [l.lstrip("-") for l in a.levels.split()] or LEVELS
    work = os.path.abspath(a.work)
    for d in ("logs", "results", "src", "build"):
        os.makedirs(os.path.join(work, d), exist_ok=True)
    fp = fingerprint(cpcc, levels)
    say("cpcc %s, levels %s, work dir %s" % (cpcc, " ".join(levels), work))

    results, broken = {}, []
    for pkg in pkgs:
        resf = os.path.join(work, "results", pkg + ".json")
        srcdir = fetch(work, pkg)
        if not srcdir:
            say("FAIL: apt-get source %s failed; see %s/logs/fetch-%s.log" % (pkg, work, pkg))
            broken.append(pkg)
            continue
        calls = capture(work, pkg, srcdir)
        if not calls:
            broken.append(pkg)
            continue
        if not a.fresh and os.path.exists(resf):
            r = json.load(open(resf))
            if r.get("fingerprint") == fp and r.get("calls_mtime") == os.path.getmtime(calls):
                results[pkg] = r
                say("%s: results reused (same cpcc, plugin and levels)" % pkg)
                continue
        root = os.path.join(work, "build", pkg)
        todo = [c for c in compiles(calls) if os.path.exists(c[3])]
        shutil.rmtree(os.path.join(work, "logs", pkg), ignore_errors=True)
        say("%s: %d C files x %d levels" % (pkg, len(todo), len(levels)))
        tasks = [(cpcc, work, pkg, lv, cwd, s, rest, full, a.timeout, root)
                 for (cwd, s, rest, full) in todo for lv in levels]
        t = time.time()
        out = []
        with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
            for res in ex.map(one, tasks):
                out.append(res)
                if res[2] not in ("ok", "plain"):
                    say("  %s -%s: %s (%s)" % (res[2].upper(), res[0], os.path.relpath(res[1], root), res[3]))
        r = {"package": pkg, "source": dsc_name(srcdir), "files": len(todo),
             "fingerprint": fp, "calls_mtime": os.path.getmtime(calls),
             "seconds": round(time.time() - t),
             "ok": {lv: sum(1 for x in out if x[0] == lv and x[2] == "ok") for lv in levels},
             "failures": [{"level": x[0], "file": os.path.relpath(x[1], root), "kind": x[2], "log": x[3]}
                          for x in out if x[2] != "ok"],
             "slowest": sorted(((round(x[4], 1), x[0], os.path.relpath(x[1], root)) for x in out),
                               reverse=True)[:3]}
        json.dump(r, open(resf, "w"), indent=1)
        results[pkg] = r
        say("%s: done in %d s" % (pkg, r["seconds"]))

    # --- summary -------------------------------------------------------------
    def count(r, kind):
        return len({f["file"] for f in r["failures"] if f["kind"] == kind})

    def fails(r, kind):
        return sum(1 for f in r["failures"] if f["kind"] == kind)

    head = ["package", "source", "C files"] + ["-%s ok" % lv for lv in levels] + \
           ["crashes", "verifier errors", "other errors", "plain clang fails too"]
    rows, tot = [], [0] * (len(levels) + 5)
    for pkg in pkgs:
        if pkg not in results:
            rows.append([pkg, "(not built)"] + [""] * (len(head) - 2))
            continue
        r = results[pkg]
        vals = [r["files"]] + [r["ok"].get(lv, 0) for lv in levels] + \
               [fails(r, "crash"), fails(r, "verifier"), fails(r, "error") + fails(r, "timeout"),
                count(r, "plain")]
        tot = [x + y for x, y in zip(tot, vals)]
        rows.append([pkg, r["source"]] + [str(v) for v in vals])
    rows.append(["**total**", "%d packages" % len(results)] + [str(v) for v in tot])
    md = ["# cancelpoints sweep", "",
          "Every C file of each package's build, compiled with `cpcc -O<level> -mllvm "
          "-cancelpoints-verify -mllvm -cancelpoints-verify-fatal -c` (the build's own flags otherwise). Crashes, verifier errors "
          "and other errors count compiles (file x level) that fail with the plugin only; "
          "\"plain clang fails too\" counts files that fail without it as well (not ours).", "",
          "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    md += ["| " + " | ".join(r) + " |" for r in rows]
    ours = [(p, f) for p, r in results.items() for f in r["failures"] if f["kind"] != "plain"]
    plain = [(p, f) for p, r in results.items() for f in r["failures"] if f["kind"] == "plain"]
    if ours:
        md += ["", "## Failures with the plugin", ""]
        md += ["- %s: `%s` at -%s: %s (log: %s)" % (p, f["file"], f["level"], f["kind"], f["log"]) for p, f in ours]
    if plain:
        md += ["", "## Failing with plain clang too (not counted)", ""]
        md += ["- %s: `%s` at -%s (log: %s)" % (p, f["file"], f["level"], f["log"]) for p, f in plain]
    if broken:
        md += ["", "Not fetched or not built: " + ", ".join(broken) + " (see the logs directory)."]
    md += ["", "cpcc fingerprint %s; %d s." % (fp, time.time() - start)]
    text = "\n".join(md) + "\n"
    open(os.path.join(work, "SWEEP.md"), "w").write(text)
    print(text, end="")
    say("summary written to %s" % os.path.join(work, "SWEEP.md"))
    sys.exit(1 if ours else 2 if broken else 0)


if __name__ == "__main__":
    main()
