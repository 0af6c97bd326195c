"""Text as it is stored and compared, defined once for every app: Unicode NFC, one line-break
convention, the key that makes two spellings of one name the same person, and accent folding
(`fold`, `words`), which search, the order of people and the order of organisations all use.

Folding is Unicode NFKD with the combining marks dropped, case-folded, plus the letters that
carry no combining mark read as the letters people type for them ('ł' → 'l', 'ø' → 'o', 'æ' →
'ae', …). So "zak" finds "Žák", "GÜNTER" finds "Günter", "Žák" sorts under Z, and no database
extension (unaccent) is needed.
"""

import re
import unicodedata

# Letters that NFKD leaves whole (after case folding), read as the letter people type for them.
LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)
WORD = re.compile(r"[^\W_]+")


def fold(text):
    """Accent- and case-folded: "Žák" → "zak", "Łódź" → "lodz", "Ærø" → "aero"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(LETTERS)


def words(text):
    """The folded words of a text, in order: runs of letters and digits, everything else
    separates them ("Al-Rawi" → ["al", "rawi"])."""
    return WORD.findall(fold(text))


def nfc(text):
    """The composed form: 'Z' + combining caron becomes 'Ž', so what looks equal is equal."""
    return unicodedata.normalize("NFC", text) if text else text


def name_key(name):
    """What two names must not share: NFC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


def unify_line_breaks(text):
    """CRLF (what browsers send) and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if text else text
