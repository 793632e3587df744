def body(response):
    """A response's bytes, whether it was streamed (CSV exports) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content
