"""Photos that show: uploaded in the admin, verified, re-encoded, served with renditions."""

import io
import os
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from devtools.local_server import free_port, runserver
from speakers.models import Person
from tests.factories import make_edition, make_participation, make_person, make_session
from tests.html import visible_text

BASE_DIR = Path(django_settings.BASE_DIR)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor_client(client, db):
    user = User.objects.create_user("photo-editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def jpeg(size=(1000, 700), exif=True, orientation=None, appended=b""):
    """A real JPEG made with Pillow, with camera and place EXIF unless told otherwise."""
    image = Image.new("RGB", size, (0, 109, 119))
    image.paste((181, 69, 42), (0, 0, size[0] // 2, size[1] // 3))
    data = Image.Exif()
    if exif:
        data[0x010F] = "Example Camera Maker"  # Make
        data[0x013B] = "Someone Private"  # Artist
    if orientation:
        data[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=data.tobytes())
    return buffer.getvalue() + appended


def png(size, mode="1"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


class _Form(HTMLParser):
    """The values an admin change form would send back as it stands."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("file", "submit", "button"):
            checkable = attrs.get("type") in ("checkbox", "radio")
            if checkable and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if checkable else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def submit_change_form(client, url, **changes):
    form = _Form()
    form.feed(client.get(url).content.decode())
    data = {k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}
    data.pop("_selected_action", None)
    data.update(changes)
    return client.post(url, data)


def person_url(person):
    return f"/admin/speakers/person/{person.pk}/change/"


def upload(data, name="portrait.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def public_person(name="Radim Žák"):
    edition = make_edition(2030)
    person = make_person(name)
    make_participation(make_session(edition, "Opening"), person, role="speaker")
    return person


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_on(response):
    parser = _Images()
    parser.feed(response.content.decode())
    return parser.images


def test_uploaded_photo_is_stored_without_exif_with_renditions_and_shown_with_srcset(editor_client, media):
    person = public_person()
    photo = jpeg(orientation=6, appended=b"<script>alert(1)</script>")
    response = submit_change_form(
        editor_client, person_url(person), photo=upload(photo), photo_credit="ICMPD / Example"
    )
    assert response.status_code == 302, visible_text(response)

    person.refresh_from_db()
    stored = Path(media) / person.photo.name
    content = stored.read_bytes()
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.size == (700, 1000)  # turned upright by its EXIF orientation
    assert b"Example Camera Maker" not in content and b"Someone Private" not in content
    assert b"<script>" not in content
    assert (person.photo_width, person.photo_height) == (700, 1000)

    stem = Path(person.photo.name).stem
    for width in (160, 320, 640):
        with Image.open(Path(media) / "people" / "renditions" / f"{stem}-{width}.webp") as rendition:
            assert (rendition.format, rendition.width) == ("WEBP", width)

    page = editor_client.get(person.get_absolute_url())
    [img] = images_on(page)
    assert img["srcset"] == ", ".join(
        f"/media/people/renditions/{stem}-{width}.webp {width}w" for width in (160, 320, 640)
    )
    assert (img["width"], img["height"], img["alt"]) == ("160", "229", "Radim Žák")
    assert img["src"] == f"/media/people/renditions/{stem}-160.webp"
    assert "Photo: ICMPD / Example" in visible_text(page)

    served = editor_client.get(img["src"])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/webp"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert (
        b"".join(served.streaming_content) == (Path(media) / img["src"].removeprefix("/media/")).read_bytes()
    )


@pytest.mark.parametrize(
    ("name", "make_data", "message"),
    [
        (
            "notes.jpg",
            lambda: b"Minutes of the meeting, not a photo.\n" * 20,
            "This file is not a JPEG, PNG or WebP image.",
        ),
        (
            "big.jpg",
            lambda: jpeg(appended=b"\0" * (11 * 1024 * 1024)),
            "The photo is 11.1 MB; the limit is 10 MB.",
        ),
        ("wide.png", lambda: png((8000, 6000)), "The image is 48 megapixels; the limit is 40."),
        ("bomb.png", lambda: png((10000, 10000)), "The image is 100 megapixels; the limit is 40."),
        (
            "cut.jpg",
            lambda: jpeg()[:2000],
            "This image could not be read to the end; it may be damaged or incomplete.",
        ),
    ],
    ids=["text-renamed-jpg", "over-10-mb", "over-40-megapixels", "decompression-bomb", "truncated"],
)
def test_upload_that_is_not_a_usable_photo_is_refused_and_nothing_is_stored(
    editor_client, media, name, make_data, message
):
    person = public_person()
    response = submit_change_form(
        editor_client, person_url(person), photo=upload(make_data(), name), photo_credit="ICMPD"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<ul class="errorlist" id="id_photo_error"><li>{message}</li></ul>' in page
    person.refresh_from_db()
    assert not person.photo
    assert stored_files(media) == []


def test_photo_without_credit_is_refused_and_nothing_is_stored(editor_client, media):
    person = public_person()
    response = submit_change_form(editor_client, person_url(person), photo=upload(jpeg()), photo_credit="")
    assert response.status_code == 200
    assert "A photo needs a credit." in visible_text(response)
    person.refresh_from_db()
    assert not person.photo
    assert stored_files(media) == []


def test_replacing_clearing_and_deleting_a_photo_remove_its_files_and_renditions(
    editor_client, media, django_capture_on_commit_callbacks
):
    person = public_person()
    submit_change_form(editor_client, person_url(person), photo=upload(jpeg()), photo_credit="ICMPD")
    person.refresh_from_db()
    first = Path(person.photo.name).stem
    assert stored_files(media) == [
        f"people/{first}.jpg",
        f"people/renditions/{first}-160.webp",
        f"people/renditions/{first}-320.webp",
        f"people/renditions/{first}-640.webp",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = submit_change_form(
            editor_client, person_url(person), photo=upload(jpeg(size=(300, 300)), "new.jpg")
        )
    assert response.status_code == 302
    person.refresh_from_db()
    second = Path(person.photo.name).stem
    assert stored_files(media) == [f"people/{second}.jpg", f"people/renditions/{second}-160.webp"]

    with django_capture_on_commit_callbacks(execute=True):
        response = submit_change_form(editor_client, person_url(person), **{"photo-clear": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.photo.name, person.photo_width) == ("", None)
    assert stored_files(media) == []

    loner = make_person("Jane Example")
    submit_change_form(editor_client, person_url(loner), photo=upload(jpeg()), photo_credit="ICMPD")
    assert len(stored_files(media)) == 4
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.get(pk=loner.pk).delete()
    assert stored_files(media) == []


def test_person_without_photo_shows_initials_and_no_image(client, db):
    person = public_person("Radim Žák")
    response = client.get(person.get_absolute_url())
    page = response.content.decode()
    assert '<div class="portrait portrait--initials" aria-hidden="true">RŽ</div>' in page
    assert images_on(response) == []


def test_edition_hero_image_shows_with_its_credit_and_needs_one(editor_client, media):
    edition = make_edition(2030)
    url = f"/admin/conferences/edition/{edition.pk}/change/"
    refused = submit_change_form(editor_client, url, hero_image=upload(jpeg(size=(2000, 900)), "hall.jpg"))
    assert "A hero image needs a credit." in visible_text(refused)
    assert stored_files(media) == []

    response = submit_change_form(
        editor_client, url, hero_image=upload(jpeg(size=(2000, 900)), "hall.jpg"), hero_credit="ICMPD/Example"
    )
    assert response.status_code == 302, visible_text(response)
    edition.refresh_from_db()
    stem = Path(edition.hero_image.name).stem
    page = editor_client.get(edition.get_absolute_url())
    [img] = images_on(page)
    assert img["srcset"] == ", ".join(
        f"/media/editions/renditions/{stem}-{width}.webp {width}w" for width in (160, 640, 1280, 1920)
    )
    assert (img["width"], img["height"]) == ("1280", "576")
    assert "Photo: ICMPD/Example" in visible_text(page)

    preview = editor_client.get(url).content.decode()
    assert f'<img src="/media/editions/renditions/{stem}-160.webp" width="160" height="72"' in preview


@pytest.mark.parametrize(
    "path",
    [
        "/media/../outside.jpg",
        "/media/%2e%2e/outside.jpg",
        "/media/people/..%2f..%2foutside.jpg",
        "/media/people/link.jpg",
        "/media/people/notes.txt",
        "/media//people/inside.jpg",
    ],
)
def test_media_outside_the_root_or_not_an_image_type_is_not_served(client, db, media, path):
    people = Path(media) / "people"
    people.mkdir(parents=True)
    (Path(media).parent / "outside.jpg").write_bytes(jpeg())
    (people / "inside.jpg").write_bytes(jpeg())
    (people / "notes.txt").write_text("private")
    (people / "link.jpg").symlink_to(Path(media).parent / "outside.jpg")
    assert client.get("/media/people/inside.jpg").status_code == 200
    assert client.get(path).status_code == 404


SETUP_PERSON_WITH_PHOTO = """
import io
from PIL import Image
from django.core.files.uploadedfile import SimpleUploadedFile
from conferences.admin.person_forms import PersonAdminForm
from tests.factories import make_edition, make_participation, make_person, make_session

person = make_person("Radim Žák")
make_participation(make_session(make_edition(2030), "Opening"), person, role="speaker")
buffer = io.BytesIO()
Image.new("RGB", (400, 300), (0, 109, 119)).save(buffer, "JPEG")
form = PersonAdminForm(
    {"photo_credit": "ICMPD"}, {"photo": SimpleUploadedFile("radim.jpg", buffer.getvalue())}, instance=person
)
assert form.is_valid(), form.errors
form.save()
"""


@pytest.mark.server
def test_uploaded_photo_answers_200_on_the_server_as_make_run_starts_it(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": "test-" + "k" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, env=env, cwd=BASE_DIR, check=True, capture_output=True)
    subprocess.run(
        manage + ["shell", "-c", SETUP_PERSON_WITH_PHOTO],
        env=env,
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
    )
    with runserver(env, free_port(), tmp_path / "server.log", probe="/speakers/radim-zak/") as base:
        page = urllib.request.urlopen(f"{base}/speakers/radim-zak/", timeout=5)  # noqa: S310
        parser = _Images()
        parser.feed(page.read().decode())
        [img] = parser.images
        with urllib.request.urlopen(base + img["src"], timeout=5) as served:  # noqa: S310
            assert (served.status, served.headers["Content-Type"]) == (200, "image/webp")
            assert served.read(12)[8:] == b"WEBP"
        # 400 px wide: renditions at 160 and 320, and the re-encoded original completes the set
        original = img["srcset"].split(", ")[-1]
        assert original.startswith("/media/people/radim-") and original.endswith(".jpg 400w")
        with urllib.request.urlopen(base + original.split(" ")[0], timeout=5) as served:  # noqa: S310
            assert (served.status, served.headers["Content-Type"]) == (200, "image/jpeg")
            assert served.read(3) == b"\xff\xd8\xff"


def test_person_restored_from_history_after_photo_files_went_comes_back_without_a_broken_photo(
    editor_client, media, django_capture_on_commit_callbacks
):
    loner = make_person("Jane Example")
    submit_change_form(editor_client, person_url(loner), photo=upload(jpeg()), photo_credit="ICMPD")
    saved = serializers.serialize("json", [Person.objects.get(pk=loner.pk)])
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.get(pk=loner.pk).delete()
    assert stored_files(media) == []

    for restored in serializers.deserialize("json", saved):  # as django-reversion reverts
        restored.save()
    person = Person.objects.get(pk=loner.pk)
    assert (person.photo.name, person.photo_width, person.photo_height) == ("", None, None)


def test_upload_handler_keeps_at_most_10_mb_of_an_image_field_and_reports_its_size(rf):
    big = b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 + 5)
    request = rf.post(
        "/admin/speakers/person/1/change/",
        {"photo": SimpleUploadedFile("big.jpg", big), "fixture": SimpleUploadedFile("big.json", big)},
    )
    photo, fixture = request.FILES["photo"], request.FILES["fixture"]
    assert type(photo).__name__ == "OversizedUpload"
    assert (photo.size, photo.read()) == (len(big), b"")
    assert fixture.size == len(big)  # other uploads are not this handler's business
