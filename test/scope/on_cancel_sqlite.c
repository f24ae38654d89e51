// A scope cancels a long call into an uninstrumented library, the real
// libsqlite3: a recursive CTE that would count for minutes runs in a scope
// with a 100 ms deadline, behind a cancel handler that calls
// sqlite3_interrupt.  The deadline reaches the thread inside sqlite3_exec,
// the runtime's thread calls the handler, sqlite3_exec returns
// SQLITE_INTERRUPT, the next point delivers: cp_scope_run returns
// -1/ECANCELED with cause CP_CAUSE_DEADLINE, soon after the deadline (a
// generous bound here; bench/latency measures it), and the connection
// answers the next query.
// RUN: %cpcc -O2 %s -lsqlite3 -o %t
// RUN: %t | FileCheck %s
// RUN: %t twice | FileCheck %s --check-prefix=TWICE
// CHECK: run -1 ECANCELED 1 cause 3
// CHECK-NEXT: sqlite3_exec: interrupted 1
// CHECK-NEXT: late under 1 s: 1
// CHECK-NEXT: next query: 2
// TWICE-COUNT-2: run -1 ECANCELED 1 cause 3
// TWICE: next query: 2
#include <cancelpoints.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static sqlite3 *db;
static int rc;

static void interrupt(void *conn) { sqlite3_interrupt(conn); }

static void query(void *unused)
{
  (void)unused;
  if (cp_on_cancel_push(interrupt, db) != 0)
    return;
  rc = sqlite3_exec(db,
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                    "SELECT count(*) FROM c;",
                    NULL, NULL, NULL);
  cp_on_cancel_pop();
  cp_check(); /* the next point */
}

static int print_row(void *unused, int n, char **values, char **names)
{
  (void)unused;
  (void)names;
  printf("next query: %s\n", n ? values[0] : "?");
  return 0;
}

static void one(int verbose)
{
  cp_scope *s = cp_scope_create();
  int64_t deadline = cp_now() + 100 * 1000000LL;
  cp_scope_set_deadline(s, deadline);
  int r = cp_scope_run(s, query, NULL);
  int e = errno;
  int64_t late = cp_now() - deadline;
  printf("run %d ECANCELED %d cause %d\n", r, e == ECANCELED, cp_scope_cancel_cause(s));
  if (verbose) {
    printf("sqlite3_exec: interrupted %d\n", rc == SQLITE_INTERRUPT);
    printf("late under 1 s: %d\n", late < 1000 * 1000000LL);
  }
  cp_scope_destroy(s);
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
    return 1;
  one(argc == 1);
  if (argc > 1)
    one(0);
  return sqlite3_exec(db, "SELECT 1 + 1;", print_row, NULL, NULL) != SQLITE_OK;
}
