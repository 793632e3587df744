"""The browser tests' live server answers one request at a time on SQLite (tests/browser/conftest.py): a second
request waits until the first one's body has been read, since both would use the test's one connection."""

import threading

from tests.browser.conftest import one_request_at_a_time


def test_a_second_request_waits_until_the_first_ones_body_is_read():
    events, second = [], None

    def app(environ, start_response):
        name = environ["name"]
        events.append(f"{name} starts")
        start_response("200 OK", [])

        def body():
            if name == "first":
                nonlocal second
                second = threading.Thread(target=serial, args=({"name": "second"}, lambda *a: None))
                second.start()
                second.join(timeout=1)  # a bound on the wait for a wrong early finish: it must still be waiting
                events.append("second still waiting" if second.is_alive() else "second ran alongside")
            yield name.encode()
            events.append(f"{name} read")

        return body()

    serial = one_request_at_a_time(app)
    assert serial({"name": "first"}, lambda *a: None) == [b"first"]
    second.join()
    assert events == ["first starts", "second still waiting", "first read", "second starts", "second read"]
