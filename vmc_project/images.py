"""Uploaded photos: verified with Pillow, re-encoded, stored with WebP renditions.

The one way an image gets into MEDIA_ROOT is `VerifiedImageField` (used by the admin forms
for `Person.photo` and `Edition.hero_image`):

1. the upload's size is checked first, from the size the upload handler counted, before
   Pillow reads a byte (`LimitedUploadHandler` keeps at most `MAX_BYTES` of an image field
   and reports the real size);
2. the content must be a JPEG, PNG or WebP (magic bytes and Pillow, never the file name);
3. the header's dimensions must stay within `MAX_PIXELS`, read by `Image.open` before
   `load()` decodes anything (and Pillow's decompression-bomb guard is made an error);
4. the image is decoded, turned upright (EXIF orientation), and re-encoded in its own
   format without EXIF, XMP, comments or anything appended after the image data;
5. after the model is saved, `write_renditions` writes WebP copies at fixed widths with names
   derived from the stored name, so a template computes their URLs without a query or a
   storage lookup; replaced, cleared and deleted files go once the transaction commits.
"""

import hashlib
import io
import logging
import math
import posixpath
import re
import warnings
from dataclasses import dataclass

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save, pre_save
from django.utils.html import format_html
from django.utils.text import slugify
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_MEGAPIXELS = 40
MAX_PIXELS = MAX_MEGAPIXELS * 1_000_000
# Form fields whose uploads the upload handler caps at MAX_BYTES.
IMAGE_FIELD_NAMES = frozenset({"photo", "hero_image"})

FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
MAGIC = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
)
# Rendition widths by upload folder: portraits show at 160 CSS px (320 and 640 for dense
# screens); a hero image spans the main column. 160 is also the admin preview.
RENDITION_WIDTHS = {
    "people": (160, 320, 640),
    "editions": (160, 640, 1280, 1920),
}
DEFAULT_RENDITION_WIDTHS = (160, 320, 640)

NOT_AN_IMAGE = "This file is not a JPEG, PNG or WebP image."
DAMAGED = "This image could not be read to the end; it may be damaged or incomplete."


# --- Upload limit -------------------------------------------------------------------------


class OversizedUpload(UploadedFile):
    """Stands for an image upload that went over MAX_BYTES: its real size, none of its content."""

    def __init__(self, name, size, content_type):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)


class LimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes an image field's data on to the memory and
    temporary-file handlers only up to MAX_BYTES. Beyond that the rest is counted and
    dropped, the partial copy is closed (a temporary file is deleted on close), and the form
    receives an `OversizedUpload` carrying the size, which it refuses with a message.

    The body is still read to its end: stopping mid-request (`StopUpload(connection_reset=
    True)`) would leave the editor with a browser error instead of a message next to the
    field. The reverse proxy caps the body size in production (README)."""

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.limited = field_name in IMAGE_FIELD_NAMES
        self.oversized = False

    def receive_data_chunk(self, raw_data, start):
        if not self.limited:
            return raw_data
        if start + len(raw_data) > MAX_BYTES:
            self.oversized = True
        return None if self.oversized else raw_data

    def file_complete(self, file_size):
        if not (self.limited and self.oversized):
            return None
        for handler in getattr(self.request, "upload_handlers", []):
            partial = getattr(handler, "file", None)
            if handler is not self and partial is not None:
                partial.close()
        return OversizedUpload(self.file_name, file_size, self.content_type)


# --- Verification and re-encoding ----------------------------------------------------------


@dataclass
class VerifiedImage:
    content: ContentFile
    width: int
    height: int
    format: str


def _megabytes(size):
    return f"{math.ceil(size / (1024 * 1024) * 10) / 10:g}"


def _megapixels(pixels):
    return f"{math.ceil(pixels / 100_000) / 10:g}"


def too_many_pixels(pixels):
    return f"The image is {_megapixels(pixels)} megapixels; the limit is {MAX_MEGAPIXELS}."


def _sniff(head):
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _stored_name(original_name, data, extension):
    stem = slugify(posixpath.splitext(posixpath.basename(original_name or ""))[0])[:40].strip("-")
    digest = hashlib.sha256(data).hexdigest()[:12]
    return f"{stem or 'image'}-{digest}.{extension}"


def verify_and_reencode(upload):
    """Return the upload re-encoded as a VerifiedImage, or raise ValidationError with a
    message for the editor. Nothing is written anywhere."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"The photo is {_megabytes(upload.size)} MB; the limit is {_megabytes(MAX_BYTES)} MB.",
            code="too_large",
        )
    upload.seek(0)
    expected = _sniff(upload.read(16))
    upload.seek(0)
    if expected is None:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    # Pillow warns above MAX_IMAGE_PIXELS (89 MP) and refuses above twice that; both become
    # the editor's message. Above 40 MP the header check below refuses before decoding.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=[expected])
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as bomb:
            found = re.search(r"\((\d+) pixels\)", str(bomb))
            pixels = int(found.group(1)) if found else 2 * Image.MAX_IMAGE_PIXELS
            raise ValidationError(too_many_pixels(pixels), code="too_many_pixels") from bomb
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(too_many_pixels(width * height), code="too_many_pixels")
            try:
                image.load()
                upright = ImageOps.exif_transpose(image)
            except (OSError, SyntaxError, ValueError) as error:
                raise ValidationError(DAMAGED, code="damaged") from error
    icc_profile = image.info.get("icc_profile")
    clean = _normalise_mode(upright, image.format)
    clean.info = {}  # EXIF, XMP, comments: none of it is written again
    buffer = io.BytesIO()
    save_options = {"icc_profile": icc_profile} if icc_profile else {}
    if image.format == "JPEG":
        clean.save(buffer, "JPEG", quality=85, optimize=True, progressive=True, **save_options)
    elif image.format == "PNG":
        clean.save(buffer, "PNG", optimize=True, **save_options)
    else:
        clean.save(buffer, "WEBP", quality=85, method=4, **save_options)
    data = buffer.getvalue()
    extension = FORMATS[image.format][0]
    content = ContentFile(data, name=_stored_name(upload.name, data, extension))
    return VerifiedImage(content=content, width=clean.width, height=clean.height, format=image.format)


def _normalise_mode(image, image_format):
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if has_alpha:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


class VerifiedImageField(forms.FileField):
    """An admin file field that lets through only what `verify_and_reencode` accepts; its
    cleaned value is the re-encoded file, so the model stores that and nothing else."""

    widget = AdminFileWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return verify_and_reencode(upload).content


# --- Renditions ------------------------------------------------------------------------------


def rendition_widths(name, original_width):
    """The widths written for a stored image, never wider than the image itself."""
    folder = posixpath.dirname(name).split("/")[0]
    widths = RENDITION_WIDTHS.get(folder, DEFAULT_RENDITION_WIDTHS)
    return [width for width in widths if original_width and width <= original_width]


def rendition_name(name, width):
    """people/ana-1a2b3c4d5e6f.jpg → people/renditions/ana-1a2b3c4d5e6f-320.webp"""
    folder, filename = posixpath.split(name)
    stem = posixpath.splitext(filename)[0]
    return posixpath.join(folder, "renditions", f"{stem}-{width}.webp")


def write_renditions(name, storage=default_storage):
    with storage.open(name, "rb") as stored, Image.open(stored) as image:
        image.load()
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        for width in rendition_widths(name, image.width):
            height = max(1, round(image.height * width / image.width))
            buffer = io.BytesIO()
            image.resize((width, height), Image.Resampling.LANCZOS).save(buffer, "WEBP", quality=80)
            target = rendition_name(name, width)
            if storage.exists(target):
                storage.delete(target)
            storage.save(target, ContentFile(buffer.getvalue()))


def delete_with_renditions(name, storage=default_storage):
    """Remove a stored image and every rendition it may have (all configured widths)."""
    folder = posixpath.dirname(name).split("/")[0]
    widths = RENDITION_WIDTHS.get(folder, DEFAULT_RENDITION_WIDTHS)
    for target in [name, *(rendition_name(name, width) for width in widths)]:
        try:
            storage.delete(target)
        except OSError:
            logger.warning("Could not delete %s", target, exc_info=True)


# --- Keeping files in step with the rows -------------------------------------------------------


def track_image_field(model, field_name):
    """Connect the signals that write renditions for a new image and remove the files of a
    replaced, cleared or deleted one. Files are removed only after the transaction commits,
    so a rolled-back change keeps the old photo."""
    remembered = f"_stored_{field_name}"

    def stored_name(instance):
        value = instance.__dict__.get(field_name)
        return getattr(value, "name", value) or ""

    def remember(sender, instance, **kwargs):
        instance.__dict__[remembered] = stored_name(instance)

    def before_raw_save(sender, instance, raw=False, **kwargs):
        # A raw save (a revert from history, loaddata) builds the instance from stored data,
        # so what it remembers is not what the row holds now; ask the row.
        if raw and instance.pk is not None:
            rows = sender._default_manager.filter(pk=instance.pk).values_list(field_name, flat=True)
            instance.__dict__[remembered] = rows.first() or ""

    def after_save(sender, instance, raw=False, **kwargs):
        old = instance.__dict__.get(remembered, "")
        new = stored_name(instance)
        if raw and new and new != old and not default_storage.exists(new):
            # Restored from history after its files were removed: no photo beats a broken one.
            field = sender._meta.get_field(field_name)
            cleared = {field_name: "", field.width_field: None, field.height_field: None}
            cleared = {name: value for name, value in cleared.items() if name}
            sender._default_manager.filter(pk=instance.pk).update(**cleared)
            for name, value in cleared.items():
                setattr(instance, name, value)
            new = ""
        if new == old:
            return
        instance.__dict__[remembered] = new
        if old:
            transaction.on_commit(lambda: delete_with_renditions(old))
        if new:
            try:
                write_renditions(new)
            except (OSError, ValueError, SyntaxError):
                logger.exception("Could not write renditions of %s", new)

    def after_delete(sender, instance, **kwargs):
        name = stored_name(instance) or instance.__dict__.get(remembered, "")
        if name:
            transaction.on_commit(lambda: delete_with_renditions(name))

    uid = f"{model._meta.label}.{field_name}"
    post_init.connect(remember, sender=model, weak=False, dispatch_uid=f"{uid}.remember")
    pre_save.connect(before_raw_save, sender=model, weak=False, dispatch_uid=f"{uid}.raw")
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=f"{uid}.renditions")
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=f"{uid}.delete")


# --- What templates and the admin show -------------------------------------------------------


def picture(image, width, height, display_width, storage=default_storage):
    """srcset, src and scaled width/height for showing a stored image `display_width` CSS
    pixels wide, computed from the name and stored dimensions alone (no storage look-up)."""
    if not image or not width or not height:
        return None
    name = getattr(image, "name", image)
    candidates = [(w, storage.url(rendition_name(name, w))) for w in rendition_widths(name, width)]
    folder = posixpath.dirname(name).split("/")[0]
    if width < max(RENDITION_WIDTHS.get(folder, DEFAULT_RENDITION_WIDTHS)) and width not in dict(candidates):
        candidates.append((width, storage.url(name)))  # a small original completes the set
    src = next((url for w, url in candidates if w >= display_width), candidates[-1][1])
    shown_width = min(display_width, width)
    return {
        "src": src,
        "srcset": ", ".join(f"{url} {w}w" for w, url in candidates),
        "width": shown_width,
        "height": max(1, round(height * shown_width / width)),
    }


def admin_preview(image, width, height):
    """The 160 px rendition as a small <img> for the admin change form."""
    shown = picture(image, width, height, 160)
    if not shown:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="Current image">',
        shown["src"],
        shown["width"],
        shown["height"],
    )
