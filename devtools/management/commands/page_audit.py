"""Lighthouse (mobile and desktop) and axe-core on every kind of public page
(devtools/page_types.py), through the shared page-audit tool; prints one table and exits 1
when a page falls below the bar: performance 95, accessibility 100, best practices 98, SEO 98,
or axe finds a serious or critical violation.

The tool is a Node script whose path you give in the environment (`PAGE_AUDIT=/path/to/page-audit`;
its first run installs its npm packages into ~/.cache/page-audit). It runs on a throwaway copy of
the site with the fixtures (devtools/local_server.py), or on a server you run (--url).
Lighthouse audits only pages that load: an error page (the 404) is judged by axe alone.
A page kept out of search engines on purpose (`noindex` in page_types.py: the search results)
cannot reach SEO 98: Lighthouse counts the noindex itself as a failure (its is-crawlable audit
weighs 4.04 of the 12.04 points), which leaves 66 when every other SEO audit passes. Its SEO bar
is therefore 66, which any second SEO finding would break; the same page without its noindex
measured 100 (2026-12-03, Lighthouse 12.8.2). `make audit` runs it.
"""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.chromium import CHROMIUM
from devtools.local_server import site_at
from devtools.page_types import PAGE_TYPES, page_type

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BAR = {"performance": 95, "accessibility": 100, "best-practices": 98, "seo": 98}
NOINDEX_SEO = 66  # Lighthouse 12's SEO score for a page whose only SEO finding is its noindex
PRESETS = ("mobile", "desktop")
SCORES = re.compile(
    r"^\s+lighthouse (mobile|desktop)\s+" + r"\s+".join(rf"{category}\s+(\S+)" for category in CATEGORIES)
)
VIOLATION = re.compile(r"^\s+(critical|serious|moderate|minor|null|undefined)\s+(\S+)\s+(\d+)\s+(.*)$")


@dataclass
class Audit:
    """What page-audit printed for one address."""

    scores: dict = field(default_factory=dict)  # {"mobile": {"performance": 100 or None, ...}, ...}
    violations: list = field(default_factory=list)  # [(impact, rule id, node count, help)]
    errors: list = field(default_factory=list)  # Lighthouse's own failures: "lighthouse mobile: NO_FCP"
    seen: bool = False


def read_report(lines):
    """{url: Audit} from page-audit's printed report."""
    audits, current = {}, None
    for line in lines:
        if line.startswith("== "):
            current = audits.setdefault(line[3:].strip(), Audit())
            current.seen = True
        elif current is not None and (found := SCORES.match(line)):
            preset, *values = found.groups()
            current.scores[preset] = {
                category: int(value) if value.isdigit() else None
                for category, value in zip(CATEGORIES, values, strict=True)
            }
        elif current is not None and (found := VIOLATION.match(line)):
            impact, rule, count, help_text = found.groups()
            current.violations.append((impact, rule, int(count), help_text))
        elif current is not None and line.strip().startswith("FAIL: "):
            current.errors += [
                reason.strip()
                for reason in line.strip()[6:].split(";")
                if reason.strip().startswith("lighthouse")
            ]
    return audits


def shortfalls(page, audit):
    """Why `page` falls below the bar, from its `audit` (empty when it passes)."""
    if audit is None or not audit.seen:
        return ["not audited (page-audit stopped early)"]
    found = [
        f"axe {impact}: {rule} ({count})"
        for impact, rule, count, _ in audit.violations
        if impact in ("serious", "critical")
    ]
    if page.status != 200:
        return found  # Lighthouse refuses error pages (ERRORED_DOCUMENT_REQUEST): axe alone
    found += audit.errors
    bar = {**BAR, "seo": NOINDEX_SEO} if page.noindex else BAR
    for preset in PRESETS:
        scores = audit.scores.get(preset, {})
        for category, lowest in bar.items():
            score = scores.get(category)
            if score is None or score < lowest:
                found.append(f"{preset} {category} {'n/a' if score is None else score} < {lowest}")
    return found


def varies_with_load(problems):
    """True when every shortfall is a performance score or a failed Lighthouse run, which the
    machine's load can cause; never for accessibility, best practices, SEO or axe findings."""
    return bool(problems) and all(
        re.match(r"(mobile|desktop) performance |lighthouse ", problem) or " n/a < " in problem
        for problem in problems
    )


def table(pages, audits, base, again=()):
    """The report: one row per page type; a page type audited twice is marked with *."""
    head = ["page type", "mobile perf/a11y/BP/SEO", "desktop perf/a11y/BP/SEO", "axe", "verdict"]
    rows = [head]
    for page in pages:
        audit = audits.get(base + page.path)
        cells = [page.name + (" *" if page.name in again else "")]
        for preset in PRESETS:
            scores = audit.scores.get(preset, {}) if audit else {}
            if page.status != 200:
                cells.append(f"— ({page.status} page)")
            else:
                cells.append(
                    " / ".join("n/a" if scores.get(c) is None else str(scores[c]) for c in CATEGORIES)
                    + (" (noindex)" if page.noindex else "")
                )
        cells.append(
            ", ".join(f"{rule} ({impact})" for impact, rule, _, _ in audit.violations)
            if audit and audit.violations
            else "0"
        )
        problems = shortfalls(page, audit)
        cells.append("FAIL: " + "; ".join(problems) if problems else "pass")
        rows.append(cells)
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def page_audit_tool():
    if not os.environ.get("PAGE_AUDIT"):
        raise CommandError("set PAGE_AUDIT to the path of the page-audit tool (a Node script)")
    tool = Path(os.environ["PAGE_AUDIT"])
    if not tool.is_absolute():
        tool = Path(settings.BASE_DIR) / tool
    if not tool.exists():
        raise CommandError(f"no page-audit at {tool}: set PAGE_AUDIT to its path")
    node = shutil.which("node")
    if not node:
        raise CommandError("page-audit needs Node.js (apt-get install nodejs npm)")
    return [node, str(tool.resolve())]


class Command(BaseCommand):
    help = "Lighthouse and axe on every public page type; fails below perf 95, a11y 100, BP 98, SEO 98."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="a running site to audit (default: a throwaway copy)")
        parser.add_argument("--only", nargs="+", metavar="PAGE_TYPE", help="these page types only")
        parser.add_argument(
            "--again",
            type=int,
            default=1,
            help="rounds of re-auditing page types short only on performance or a failed Lighthouse run",
        )

    def handle(self, *args, url=None, only=None, again=1, verbosity=1, **options):
        try:
            pages = [page_type(name) for name in only] if only else PAGE_TYPES
        except KeyError as error:
            raise CommandError(error.args[0]) from None
        command = page_audit_tool()
        env = {**os.environ, "PAGE_AUDIT_CHROMIUM": CHROMIUM}
        audits, audited_again = {}, {}
        try:
            with site_at(url) as base:
                todo = pages
                for attempt in range(again + 1):
                    if attempt:
                        self.stderr.write(
                            f"Again (the machine's load moves these): {', '.join(p.name for p in todo)}"
                        )
                        for page in todo:
                            audited_again[page.name] = shortfalls(page, audits.get(base + page.path))
                    audits.update(self.audit(command, env, [base + page.path for page in todo], verbosity))
                    todo = [
                        page
                        for page in pages
                        if varies_with_load(shortfalls(page, audits.get(base + page.path)))
                    ]
                    if not todo:
                        break
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(table(pages, audits, base, audited_again))
        for name, problems in audited_again.items():
            self.stdout.write(
                f"* {name} audited again; the table shows the later run. Before: {'; '.join(problems)}"
            )
        failing = [page.name for page in pages if shortfalls(page, audits.get(base + page.path))]
        if failing:
            raise CommandError(f"below the bar: {', '.join(failing)}")
        self.stdout.write(self.style.SUCCESS(f"All {len(pages)} page types pass."))

    def audit(self, command, env, urls, verbosity):
        lines, code = self.run_tool(command + urls, env, verbosity)
        if code == 2:
            raise CommandError("page-audit could not run:\n" + "".join(lines[-20:]))
        return read_report(lines)

    def run_tool(self, command, env, verbosity):
        """Run page-audit, echoing its report as it comes (each address at verbosity 1)."""
        lines = []
        with subprocess.Popen(  # noqa: S603 (the configured tool, on our own addresses)
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as tool:
            for line in tool.stdout:
                lines.append(line)
                if verbosity >= 2 or line.startswith("== ") or line.startswith("page-audit:"):
                    self.stderr.write(line.rstrip("\n"))
        return lines, tool.returncode
