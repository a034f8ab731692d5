"""Per-session rate limit for the public feedback forms (anti-abuse)."""

import time

SESSION_KEY = "feedback_submissions"
# At most this many submissions (ratings and reports together) per session per window.
MAX_SUBMISSIONS = 10
WINDOW_SECONDS = 3600


def recent_submissions(session, now=None):
    now = time.time() if now is None else now
    return [stamp for stamp in session.get(SESSION_KEY, []) if now - stamp < WINDOW_SECONDS]


def is_rate_limited(session, now=None):
    """Whether this session has used up its submissions for the current window."""
    return len(recent_submissions(session, now)) >= MAX_SUBMISSIONS


def record_submission(session, now=None):
    now = time.time() if now is None else now
    session[SESSION_KEY] = [*recent_submissions(session, now), now]
