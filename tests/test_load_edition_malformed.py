"""Every malformed input gets a clean message naming file, record and field; nothing written."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError
from PIL import Image

from speakers.models import Person
from tests.dumps import content_dump
from tests.loadfiles import EXAMPLE, records_of, run, write

pytestmark = pytest.mark.django_db

PERSON, EDITION, SESSION, PARTICIPATION, QUOTE = 1, 3, 4, 6, 7  # indexes in the example


def changed(index, **fields):
    """The example file with fields of one record changed."""

    def build():
        records = records_of(EXAMPLE)
        records[index]["fields"].update(fields)
        return json.dumps(records, ensure_ascii=False).encode("utf-8")

    return build


def raw(data):
    return lambda: data


MALFORMED = {
    "invalid UTF-8": (
        raw(b'[{"model": "speakers.person", "fields": {"slug": "a", "name": "Andr\xe9"}}]'),
        "not valid UTF-8 at byte offset 67 (line 1): byte 0xe9 invalid continuation byte",
    ),
    "Latin-1 file": (
        lambda: json.dumps(records_of(EXAMPLE), ensure_ascii=False).encode("latin-1"),
        "not valid UTF-8 at byte offset",
    ),
    "nesting 200,000 deep": (raw(b"[" * 200_000 + b"]" * 200_000), "nested deeper than 8 levels"),
    "nesting 200,000 deep, unclosed": (raw(b'[{"a":' * 200_000), "nested deeper than 8 levels"),
    "integer of 5,000 digits": (
        raw(b'[{"model": "conferences.edition", "fields": {"year": 1' + b"0" * 5000 + b"}}]"),
        "not valid JSON: Exceeds the limit",
    ),
    "NaN": (raw(b'[{"model": "conferences.edition", "fields": {"year": NaN}}]'), "NaN is not a JSON number"),
    "edition key of text": (
        changed(SESSION, edition=["abc"]),
        "record 5 (conferences.session), field 'edition': a conferences.edition key is [year (int)], "
        "found ['abc']",
    ),
    "edition key with a fraction": (
        changed(SESSION, edition=[2099.5]),
        "record 5 (conferences.session), field 'edition': a conferences.edition key is [year (int)], "
        "found [2099.5]",
    ),
    "edition key of a boolean": (
        changed(SESSION, edition=[True]),
        "field 'edition': a conferences.edition key is [year (int)], found [True]",
    ),
    "edition key too long": (
        changed(SESSION, edition=[2099, "x"]),
        "field 'edition': a conferences.edition key is [year (int)], found [2099, 'x']",
    ),
    "session key with the slug first": (
        changed(PARTICIPATION, session=["conference-opening", 2099]),
        "field 'session': a conferences.session key is [year (int), slug (str)], found "
        "['conference-opening', 2099]",
    ),
    "edition key beyond any year": (
        changed(SESSION, edition=[10**12]),
        "field 'edition': 1000000000000 is not a plausible year in [1000000000000]",
    ),
    "year as text": (
        changed(EDITION, year="2099"),
        "record 4 (conferences.edition), field 'year': expected int, found str '2099'",
    ),
    "year with a fraction": (changed(EDITION, year=2099.5), "field 'year': expected int, found float 2099.5"),
    "year as 2099.0": (changed(EDITION, year=2099.0), "field 'year': expected int, found float 2099.0"),
    "year beyond any year": (
        changed(EDITION, year=10**15),
        "field 'year': 1000000000000000 is not between 0 and 32,767",
    ),
    "year as a boolean": (changed(EDITION, year=True), "field 'year': expected int, found bool True"),
    "title over max_length": (
        changed(SESSION, title="x" * 301),
        "record 5 (conferences.session), field 'title': "
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    "bio over its cap": (
        changed(PERSON, bio="x" * 5001),
        "record 2 (speakers.person), field 'bio': 5,001 characters, over the cap of 5,000",
    ),
    "summary over its cap": (
        changed(SESSION, summary="x" * 20_001),
        "field 'summary': 20,001 characters, over the cap of 20,000",
    ),
    "introduction over its cap": (
        changed(EDITION, introduction="x" * 20_001),
        "field 'introduction': 20,001 characters, over the cap of 20,000",
    ),
    "quote over its cap": (
        changed(QUOTE, text="x" * 5001),
        "record 8 (conferences.quote), field 'text': 5,001 characters, over the cap of 5,000",
    ),
    "NUL character": (changed(SESSION, title="Open\x00ing"), "field 'title': contains a NUL character"),
    "unpaired surrogate": (
        raw(json.dumps(records_of(EXAMPLE)).replace('"Conference opening"', '"\\ud800"').encode()),
        "field 'title': contains an unpaired surrogate",
    ),
    "absolute photo path": (
        changed(PERSON, photo="/etc/passwd", photo_credit="x"),
        "record 2 (speakers.person), field 'photo': '/etc/passwd' must be a path relative to MEDIA_ROOT",
    ),
    "photo path leaving MEDIA_ROOT": (
        changed(PERSON, photo="../secrets.jpg", photo_credit="x"),
        "field 'photo': '../secrets.jpg' leaves MEDIA_ROOT ('..' is not allowed)",
    ),
    "photo path leaving MEDIA_ROOT midway": (
        changed(PERSON, photo="people/../../etc/passwd", photo_credit="x"),
        "field 'photo': 'people/../../etc/passwd' leaves MEDIA_ROOT",
    ),
    "photo path with a drive": (
        changed(PERSON, photo="C:\\photos\\jane.jpg", photo_credit="x"),
        "must be a path relative to MEDIA_ROOT",
    ),
    "photo that does not exist": (
        changed(PERSON, photo="people/nobody.jpg", photo_credit="x"),
        "field 'photo': 'people/nobody.jpg' is not a file under MEDIA_ROOT",
    ),
    "javascript: URL": (
        changed(SESSION, video_url="javascript:alert(1)"),
        "record 5 (conferences.session), field 'video_url': only http:// and https:// addresses "
        "are allowed, found 'javascript:alert(1)'",
    ),
    "ftp: URL": (
        changed(SESSION, video_url="ftp://example.org/v.mp4"),
        "field 'video_url': only http:// and https://",
    ),
    "file: URL": (
        changed(SESSION, video_url="file:///etc/passwd"),
        "field 'video_url': only http:// and https://",
    ),
    "URL without a scheme": (
        changed(SESSION, video_url="www.example.org"),
        "field 'video_url': only http://",
    ),
    "not an object": (raw(b"[1, 2]"), "record 1: expected an object, found int"),
    "fields not an object": (
        raw(b'[{"model": "speakers.person", "fields": []}]'),
        'record 1 (speakers.person): "fields" must be an object',
    ),
    "a computed field": (
        changed(PERSON, name_key="jane"),
        "record 2 (speakers.person), field 'name_key': unknown field",
    ),
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "people").mkdir(parents=True)
    return tmp_path / "media"


@pytest.mark.parametrize("kind", MALFORMED)
def test_malformed_file_is_refused_with_a_clean_message_and_changes_nothing(tmp_path, media, kind):
    run(EXAMPLE)
    before = content_dump()
    build, message = MALFORMED[kind]
    path = tmp_path / "bad.json"
    path.write_bytes(build())
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"{path}: " in str(error.value)
    assert message in str(error.value)
    assert f"Nothing from {path} was written." in str(error.value)
    assert content_dump() == before


def test_a_file_over_the_size_cap_is_refused(tmp_path, settings):
    run(EXAMPLE)
    before = content_dump()
    path = write(tmp_path, records_of(EXAMPLE))
    size = path.stat().st_size
    with pytest.raises(CommandError, match=f"{size:,} bytes, over the cap of 1,000 bytes"):
        run(path, "--max-bytes", "1000")
    settings.LOAD_EDITION_MAX_BYTES = 999
    with pytest.raises(CommandError, match=f"{size:,} bytes, over the cap of 999 bytes"):
        run(path)
    assert content_dump() == before


def test_the_size_cap_defaults_to_20_megabytes(settings):
    from vmc_project import settings as project_settings

    assert project_settings.LOAD_EDITION_MAX_BYTES == 20 * 1024 * 1024


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(records_of(EXAMPLE)).encode())
    assert "total: 8 created, 0 updated" in run(path)


def test_brackets_inside_text_do_not_count_as_nesting(tmp_path):
    records = records_of(EXAMPLE)
    records[PERSON]["fields"]["bio"] = '[[[[[[[[[[{{{{{{{{{{ \\" ]]]'
    assert "total: 8 created, 0 updated" in run(write(tmp_path, records))
    assert Person.objects.get(slug="jane-example").bio.startswith("[[[[[[[[[[{{{{")


def test_a_photo_under_media_root_loads_with_its_size(tmp_path, media):
    Image.new("RGB", (30, 20), "white").save(media / "people" / "jane.png")
    records = records_of(EXAMPLE)
    records[PERSON]["fields"].update(photo="people/jane.png", photo_credit="ICMPD")
    run(write(tmp_path, records))
    person = Person.objects.get(slug="jane-example")
    assert (person.photo.name, person.photo_width, person.photo_height) == ("people/jane.png", 30, 20)


def test_deep_nesting_exits_1_without_a_traceback(tmp_path):
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 200_000)
    result = subprocess.run(
        [sys.executable, "manage.py", "load_edition", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "nested deeper than 8 levels" in result.stderr
