"""Every export of an edition's programme, declared once (as pretalx's exporters are): its address,
its view, and how the agenda offers it. The URL configuration and the agenda's export links both
read this list, so a new format is one entry here and one view.
"""

from dataclasses import dataclass

from django.urls import path

from conferences.exports import views


@dataclass(frozen=True)
class Exporter:
    name: str  # the URL name, in the conferences namespace
    route: str  # below the site root, with the edition's <year:year>
    view: object
    label: str  # the agenda's link text
    download: bool = False  # a file to save rather than a page to open
    needs: str = ""  # the ProgrammeExports fact without which the agenda does not offer it

    def offered(self, exports):
        return not self.needs or bool(getattr(exports, self.needs))

    def url_pattern(self):
        return path(self.route, self.view, name=self.name)


EDITION_EXPORTERS = [
    Exporter(
        "agenda_ics",
        "<year:year>/agenda.ics",
        views.edition_calendar,
        "Add the whole programme to your calendar (.ics)",
        download=True,
        needs="dated",
    ),
    Exporter(
        "schedule_xml",
        "<year:year>/schedule.xml",
        views.schedule_xml,
        "Programme for schedule apps (Frab XML)",
        needs="has_days",
    ),
    Exporter("schedule_json", "<year:year>/schedule.json", views.schedule_json, "Programme as data (JSON)"),
]
