"""Response headers Django has no setting for, a cap on request bodies, and 404s logged quietly.

- `SecurityHeadersMiddleware` adds `Permissions-Policy` (no camera, microphone, location, …) to
  every response and answers 413 before reading a body larger than `REQUEST_MAX_BYTES`, the
  size of the largest request the site accepts (an edition file of `LOAD_EDITION_MAX_BYTES`
  posted in the admin, plus the form around it).
- `NotFoundBelowWarning` is a logging filter for `django.request`: a 404 is logged at INFO, not
  as a warning (crawlers and fuzzers ask for thousands of pages that do not exist); every other
  4xx stays a warning and 5xx an error.
"""

import logging

from django.conf import settings
from django.http import HttpResponse

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.refuse_oversized(request) or self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    @staticmethod
    def refuse_oversized(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Bad Content-Length.\n", status=400, content_type="text/plain")
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            return HttpResponse(
                f"The request is {length} bytes; the limit is {limit} bytes.\n",
                status=413,
                content_type="text/plain",
            )
        return None


class NotFoundBelowWarning(logging.Filter):
    def filter(self, record):
        if getattr(record, "status_code", None) == 404 and record.levelno > logging.INFO:
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
        return True
