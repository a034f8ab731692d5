"""Screenshots of a page at 1280 and 390 px into ``WEMI_SHOTS_DIR`` (none when it is unset),
for people to look at the pages a test walks through."""

import os
from pathlib import Path


def shoot(page, name):
    folder = os.environ.get("WEMI_SHOTS_DIR", "")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    for size in (1280, 390):
        page.set_viewport_size({"width": size, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{size}.png", full_page=True)
    page.set_viewport_size({"width": width, "height": 900})
