"""make loadtest without wrk: the Python load generator counts answers and errors."""

import pytest

from devtools.loadgen import run_load

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def test_the_python_load_counts_pages_and_reports_every_error(live_server, all_editions):
    result = run_load(
        live_server.url, ["/2024/agenda/", "/speakers/", "/no-such-page/"], clients=3, seconds=1
    )
    assert result.latencies, "no page answered"
    assert result.errors and all(error == "/no-such-page/: 404" for error in result.errors)
    assert result.p50 is not None and result.percentile(0.99) >= result.p50
