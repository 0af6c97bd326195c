"""Photos on the public pages: `{% picture %}` renders includes/picture.html from a stored
image's name and dimensions; `initials` makes the placeholder for people without a photo."""

from django import template

from vmc_project import images

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, width, height, *, alt, display_width, sizes, css_class=""):
    """{% picture person.photo person.photo_width person.photo_height alt=person.name
    display_width=160 sizes="160px" %}"""
    return {
        "image": images.picture(image, width, height, display_width),
        "alt": alt,
        "sizes": sizes,
        "css_class": css_class,
    }


@register.filter
def initials(name):
    """Radim Žák → RŽ; Nicole de Moor → NM; one word → one letter."""
    words = [word for word in (name or "").split() if any(c.isalpha() for c in word)]
    if not words:
        return ""
    picked = words if len(words) == 1 else [words[0], words[-1]]
    return "".join(next(c for c in word if c.isalpha()) for word in picked).upper()
