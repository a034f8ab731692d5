"""Running test actions at the same moment, each thread on its own database connection.

Used by the concurrency tests, which run on SQLite (a file database, shared by the threads'
connections; writes queue on its lock, see docs/decisions/0009-...) and on PostgreSQL
(row locks)."""

import threading

from django.db import connection


def run_together(*actions, timeout=120):
    """Start the actions together (a barrier), wait for them, and return what each one
    returned or the exception it raised, in the order given. A thread still running after
    ``timeout`` seconds leaves ``None``."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # collected and checked by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
