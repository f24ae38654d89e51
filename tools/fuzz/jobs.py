"""jobs.py - the job loop that fuzz.py and passfuzz.py share: a pool of
worker threads, a time budget after which no job starts, and a progress
callback while the jobs run."""
import concurrent.futures
import time


def run_jobs(jobs, task, workers, start, budget_s, progress_s, progress):
    """Runs task(job) for every job on `workers` threads.  A job that would
    start later than start + budget_s (when budget_s > 0) is skipped.  Calls
    progress(done) every progress_s seconds while some are left, done being
    how many jobs have finished.  Returns True if the budget skipped any."""
    deadline = start + budget_s if budget_s > 0 else None
    stopped = [False]

    def one(job):
        if deadline and time.monotonic() > deadline:
            stopped[0] = True
            return
        task(job)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as ex:
        futs = [ex.submit(one, j) for j in jobs]
        while True:
            left = concurrent.futures.wait(futs, timeout=progress_s)[1]
            if not left:
                return stopped[0]
            progress(len(futs) - len(left))
