"""Waiting for a condition in the page under the Content-Security-Policy.

Playwright's ``wait_for_function`` evaluates its expression with ``eval`` inside the page,
which the site's policy (no ``'unsafe-eval'``) refuses; ``page.evaluate`` goes through the
DevTools protocol, which the policy does not govern.
"""

import time


def wait_for_expression(page, expression, timeout_ms=5000, interval_ms=50):
    """Polls the JavaScript ``expression`` until it is truthy; raises AssertionError after
    ``timeout_ms`` milliseconds."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        if page.evaluate(expression):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(interval_ms)
