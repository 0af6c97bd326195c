"""Dates and times as the conference prints them: 24-hour Vienna wall-clock times.

Django's own en-GB formats give "11 a.m."; these override only what differs, and the rest
(e.g. DATE_INPUT_FORMATS) still comes from Django's locale.
"""

DATE_FORMAT = "j M Y"  # 22 Oct 2024
TIME_FORMAT = "H:i"  # 09:30
DATETIME_FORMAT = "j M Y, H:i"  # 22 Oct 2024, 09:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 22/10/2024 09:30
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f"]  # the first is how forms show a time
