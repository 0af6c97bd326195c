"""Marking what matched in a search result, and the part of a long text to show.

The index and the query go through the same folding (vmc_project/text.py: `fold`, `words`), so
"zak" finds "Žák"; the marks are placed on the original, unfolded text.
"""

from django.utils.html import escape, format_html_join

from vmc_project.text import WORD, fold, words

EXCERPT = 240  # characters of a long summary shown under a result


def folded_words(*texts):
    return " ".join(word for text in texts for word in words(text))


def _folded_with_origins(text):
    """The folded text, and for each of its characters the index of the original character."""
    pieces, origins = [], []
    for index, char in enumerate(text):
        piece = fold(char)
        pieces.append(piece)
        origins.extend([index] * len(piece))
    return "".join(pieces), origins


def matched_spans(text, terms):
    """(start, end) of the words of `text` that begin with one of the folded `terms`."""
    folded, origins = _folded_with_origins(text)
    spans = []
    for match in WORD.finditer(folded):
        if any(match.group().startswith(term) for term in terms):
            start, end = origins[match.start()], origins[match.end() - 1] + 1
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return spans


def highlight(text, terms):
    """`text` escaped, with every word that matched wrapped in <mark>: marks only ever go round
    escaped text, never inside markup."""
    pieces, last = [], 0
    for start, end in matched_spans(text, terms):
        pieces.append((text[last:start], text[start:end]))
        last = end
    return format_html_join("", "{}<mark>{}</mark>", pieces) + escape(text[last:])


def excerpt(text, terms, title=""):
    """At most about EXCERPT characters of `text`: its beginning, or, when a word of the query
    that the title does not show first matches further on, the part that shows it."""
    text = " ".join(text.split())
    if len(text) <= EXCERPT:
        return text
    shown = {term for term in terms if matched_spans(title, [term])}
    firsts = [spans[0][0] for term in terms if term not in shown if (spans := matched_spans(text, [term]))]
    start = 0
    if firsts and max(firsts) > EXCERPT - 40:
        # End the window a little after the last word to show, with as much before it as fits.
        start = text.find(" ", max(max(firsts) - (EXCERPT - 60), 0)) + 1
    piece = text[start : start + EXCERPT]
    if start + EXCERPT < len(text):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return ("… " if start > 0 else "") + piece
