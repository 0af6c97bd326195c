"""Read a page the way a visitor does: its text, its headings, its links."""

import re
from html.parser import HTMLParser

VOID = {"meta", "link", "img", "br", "hr", "input", "source"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.h1, self.links, self._stack = [], [], [], []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "h1":
            self.h1.append("")
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        if tag not in VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass
        self.text.append(" ")

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if "h1" in self._stack and self.h1:
            self.h1[-1] += data


def parse(response):
    page = _Page()
    page.feed(response.content.decode())
    page.visible = re.sub(r"\s+", " ", "".join(page.text)).strip()
    page.h1 = [re.sub(r"\s+", " ", h).strip() for h in page.h1]
    return page


def visible_text(response):
    return parse(response).visible
