"""Text as it is stored: Unicode NFC, one line-break convention, and the key that makes two
spellings of one name the same person."""

import unicodedata


def nfc(text):
    """The composed form: 'Z' + combining caron becomes 'Ž', so what looks equal is equal."""
    return unicodedata.normalize("NFC", text) if text else text


def name_key(name):
    """What two names must not share: NFC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


def unify_line_breaks(text):
    """CRLF (what browsers send) and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if text else text
