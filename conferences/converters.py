"""URL converters. A year is written one way only: `/02024/` and `/2024.0/` are not `/2024/`
(they answer 404), so every page has one canonical address."""


class YearConverter:
    regex = "[1-9][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))
