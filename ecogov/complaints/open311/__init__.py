"""Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2).

Discovery, services (the leaf categories), service definitions (their
attributes), POST and GET service requests, one request by id, and tokens; every
answer as ``.json`` or ``.xml``. The service_request_id is the tracking code.
Public status is "open" or "closed" (``choices.public_status``); reporter
identity and contact are never published. Paging: ``page`` and ``page_size``
(default 50, at most 1000). Errors are ``[{"code", "description"}]``.

``views`` (HTTP, parsing and errors) -> ``services`` (posting clients and their
requests) and ``selectors`` (reads) -> ``payloads`` (the GeoReport fields, JSON and XML).
"""
