"""Checks on single records and values: shapes, types, caps, paths, URLs, natural keys, and
which editions a file may touch. Reads the database, never writes it."""

from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from conferences.content.loading.errors import FixtureError
from vmc_project.text import nfc, unify_line_breaks

# Dependency order: a model only refers to models above it.
MODEL_ORDER = [
    "speakers.organisation",
    "speakers.person",
    "conferences.venue",
    "conferences.edition",
    "conferences.editionpartner",
    "conferences.teammember",
    "conferences.editioncredit",
    "conferences.session",
    "conferences.sessionsegment",
    "conferences.participation",
    "conferences.quote",
]
# Records that several editions show: changing one needs --update-shared.
SHARED_MODELS = {"speakers.person", "speakers.organisation", "conferences.venue"}
# Every other record belongs to one edition (the edition record itself included).
EDITION_MODELS = set(MODEL_ORDER) - SHARED_MODELS

# What a reference to each model looks like: the types of its natural key, in order.
KEY_TYPES = {
    "speakers.organisation": (("slug", str),),
    "speakers.person": (("slug", str),),
    "conferences.venue": (("slug", str),),
    "conferences.edition": (("year", int),),
    "conferences.session": (("year", int), ("slug", str)),
}
# Integers in keys are years and quote numbers: PositiveSmallIntegerField.
KEY_INT_RANGE = (0, 32767)

# Caps on long text, in characters (fixtures/AUTHORING.md lists them).
TEXT_CAPS = {
    ("speakers.person", "bio"): 5_000,
    ("conferences.session", "summary"): 20_000,
    ("conferences.edition", "introduction"): 20_000,
    ("conferences.quote", "text"): 5_000,
    ("conferences.sessionsegment", "summary"): 20_000,
}
DEFAULT_TEXT_CAP = 20_000
URL_SCHEMES = ("http", "https")


def where(name, number, label=None, key=None):
    place = f"{name}: record {number}"
    if label:
        place += f" ({label}" + (f" {list(key)}" if key is not None else "") + ")"
    return place


def loadable_fields(model):
    """The fields a fixture may set: concrete, editable, not the primary key."""
    return {f.name: f for f in model._meta.concrete_fields if f.editable and not f.primary_key}


def check_shape(name, number, record):
    """(number, label, fields) of a well-formed record."""
    if not isinstance(record, dict):
        raise FixtureError(f"{name}: record {number}: expected an object, found {type(record).__name__}")
    unknown_keys = set(record) - {"model", "fields"}
    if "pk" in unknown_keys:
        raise FixtureError(f'{name}: record {number}: has a "pk"; edition fixtures use natural keys only')
    if unknown_keys:
        raise FixtureError(f"{name}: record {number}: unknown key(s) {sorted(unknown_keys)}")
    label = record.get("model")
    if not isinstance(label, str) or label.lower() not in MODEL_ORDER:
        raise FixtureError(
            f"{name}: record {number}: unknown model {label!r}; expected one of " + ", ".join(MODEL_ORDER)
        )
    label = label.lower()
    fields = record.get("fields")
    if not isinstance(fields, dict):
        raise FixtureError(f'{where(name, number, label)}: "fields" must be an object')
    known = loadable_fields(apps.get_model(label))
    for field_name in fields:
        if field_name not in known:
            raise FixtureError(
                f"{where(name, number, label)}, field {field_name!r}: unknown field; "
                f"{label} has: {', '.join(sorted(known))}"
            )
    return number, label, fields


def check_text(value):
    """Problems with a string that the database or the pages would choke on."""
    if "\x00" in value:
        return "contains a NUL character (\\u0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"contains an unpaired surrogate ({value[error.start]!r})"
    return None


def check_key(related_label, value):
    """A reference's natural key is a list of the right length and types; returns a tuple."""
    spec = KEY_TYPES[related_label]
    shape = "[" + ", ".join(f"{part} ({kind.__name__})" for part, kind in spec) + "]"
    if not isinstance(value, list):
        raise ValueError(f"expected a natural key in a list, e.g. [2024], found {value!r}")
    if len(value) != len(spec):
        raise ValueError(f"a {related_label} key is {shape}, found {value!r}")
    for part, (_, kind) in zip(value, spec, strict=True):
        wrong_type = not isinstance(part, kind) or isinstance(part, bool)
        if wrong_type:
            raise ValueError(f"a {related_label} key is {shape}, found {value!r}")
        if kind is int and not KEY_INT_RANGE[0] <= part <= KEY_INT_RANGE[1]:
            raise ValueError(f"{part} is not a plausible {spec[0][0]} in {value!r}")
        if kind is str and check_text(part):
            raise ValueError(f"{check_text(part)} in {value!r}")
    return tuple(nfc(part) if isinstance(part, str) else part for part in value)


def expected_type(model_field):
    if isinstance(model_field, models.BooleanField):
        return bool
    if isinstance(model_field, models.IntegerField):
        return int
    if isinstance(model_field, (models.DateField, models.TimeField, models.FileField, models.CharField)):
        return str
    if isinstance(model_field, models.TextField):
        return str
    return None


def convert_scalar(label, model_field, value):
    """The Python value of a non-relation field, or ValueError with what is wrong."""
    if value is None:
        if not model_field.null:
            raise ValueError("may not be null")
        return None
    kind = expected_type(model_field)
    if kind and (not isinstance(value, kind) or isinstance(value, bool) and kind is not bool):
        raise ValueError(f"expected {kind.__name__}, found {type(value).__name__} {value!r}")
    small = isinstance(model_field, models.PositiveSmallIntegerField)
    if small and not KEY_INT_RANGE[0] <= value <= KEY_INT_RANGE[1]:  # the same on every database
        raise ValueError(f"{value} is not between {KEY_INT_RANGE[0]} and {KEY_INT_RANGE[1]:,}")
    if isinstance(value, str):
        problem = check_text(value)
        if problem:
            raise ValueError(problem)
        value = nfc(unify_line_breaks(value))
        if isinstance(model_field, models.TextField):
            cap = TEXT_CAPS.get((label, model_field.name), DEFAULT_TEXT_CAP)
            if len(value) > cap:
                raise ValueError(f"{len(value):,} characters, over the cap of {cap:,}")
        if isinstance(model_field, models.URLField) and value:
            scheme = value.split(":", 1)[0].lower() if ":" in value else ""
            if scheme not in URL_SCHEMES:
                raise ValueError(f"only http:// and https:// addresses are allowed, found {value[:80]!r}")
    if isinstance(model_field, models.FileField):
        return check_media_path(value)
    try:
        return model_field.clean(value, None)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None


def check_media_path(value):
    """A file path in a fixture: relative, inside MEDIA_ROOT, and an existing file there."""
    if not value:
        return ""
    if "\\" in value or value.startswith("/") or PurePosixPath(value).is_absolute() or ":" in value:
        raise ValueError(f"{value!r} must be a path relative to MEDIA_ROOT, e.g. 'people/jane-example.jpg'")
    if ".." in PurePosixPath(value).parts:
        raise ValueError(f"{value!r} leaves MEDIA_ROOT ('..' is not allowed)")
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / value).resolve()
    if not target.is_relative_to(root):
        raise ValueError(f"{value!r} leaves MEDIA_ROOT")
    if not target.is_file():
        raise ValueError(f"{value!r} is not a file under MEDIA_ROOT ({root})")
    return value


def own_editions(records, existing_years):
    """The editions a file may touch without --also-edition (fixtures/AUTHORING.md, Scoping).

    A file declares editions with its conferences.edition records. The ones that are not in
    the database yet are its own. A file that declares exactly one edition may also reload
    (and, with --update, change) that edition when it exists already. An existing edition
    declared by a file that declares others too is not the file's own."""
    declared = set()
    for record in records:
        if isinstance(record, dict) and str(record.get("model", "")).lower() == "conferences.edition":
            fields = record.get("fields")
            year = fields.get("year") if isinstance(fields, dict) else None
            if isinstance(year, int) and not isinstance(year, bool):
                declared.add(year)
    own = {year for year in declared if year not in existing_years}
    if len(declared) == 1:
        own |= declared
    return declared, own


def scope_error(year, own, also):
    if year in own or year in also:
        return None
    return (
        f"belongs to edition {year}, which this file does not create; "
        f"name it with --also-edition {year} to change it"
    )
