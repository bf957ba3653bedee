"""Browser tests of the security work reuse the e2e fixtures (prod app, fakes, Chromium, and the
autouse console-error check)."""

from tests.e2e.conftest import *  # noqa: F401,F403
