"""An edition's programme as Frab schedule XML (specs/frab-schedule.xsd), read by schedule apps
such as Giggity and EventFahrplan.

It is written from the very data schedule.json is built from (`schedule_for()`), so both
exports always agree: the same guids, times, durations, rooms and people. An edition whose
days no document gives has no schedule: the format needs at least one day.
"""

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot carry; dropped rather than making the file unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The schema's pattern for an event's optional <slug> (voc-slug-new).
VOC_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")


def _text(parent, tag, value, **attributes):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    element.text = NOT_XML.sub("", str(value)) if value is not None else ""
    return element


def _event(room, event):
    element = ET.SubElement(room, "event", {"id": str(event["id"]), "guid": event["guid"]})
    _text(element, "room", event["room"])
    _text(element, "title", event["title"])
    if event["subtitle"]:
        _text(element, "subtitle", event["subtitle"])
    _text(element, "type", event["type"])
    _text(element, "date", event["date"])
    _text(element, "start", event["start"])
    _text(element, "duration", event["duration"])
    _text(element, "abstract", event["abstract"] or "")
    if VOC_SLUG.fullmatch(event["slug"]):
        _text(element, "slug", event["slug"])
    _text(element, "track", event["track"])
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        _text(persons, "person", person["public_name"], id=person["id"])
    _text(element, "language", event["language"])
    if event["description"]:
        _text(element, "description", event["description"])
    links = ET.SubElement(element, "links")
    for link in event["links"]:
        _text(links, "link", link["title"], href=link["url"])
    _text(element, "url", event["url"])


def frab_xml(schedule, url):
    """Frab XML (bytes) of `schedule`, the dict schedule_for() returns; `url` is this file's
    absolute address. None when the schedule has no day."""
    conference = schedule["schedule"]["conference"]
    if not conference["days"]:
        return None
    root = ET.Element("schedule")
    generator = schedule["generator"]
    ET.SubElement(root, "generator", {"name": generator["name"], "version": generator["version"]})
    _text(root, "url", url)
    _text(root, "version", schedule["schedule"]["version"])
    head = ET.SubElement(root, "conference")
    _text(head, "acronym", conference["acronym"])
    _text(head, "title", conference["title"])
    _text(head, "start", conference["start"])
    _text(head, "end", conference["end"])
    _text(head, "days", conference["daysCount"])
    _text(head, "timeslot_duration", conference["timeslot_duration"])
    _text(head, "base_url", schedule["schedule"]["base_url"])
    _text(head, "url", conference["url"])
    _text(head, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _text(head, "track", track["name"], name=track["name"], slug=track["slug"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = ET.SubElement(
            root,
            "day",
            {
                "index": str(day["index"]),
                "date": day["date"],
                "start": day["day_start"],
                "end": day["day_end"],
            },
        )
        for name, events in day["rooms"].items():
            room = ET.SubElement(day_element, "room", {"name": name, "guid": guids[name]})
            for event in events:
                _event(room, event)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
