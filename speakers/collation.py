"""How people are put in order: by family name, then given names, ignoring accents and case.

`person_sort_key("Günter Nooke")` is "nooke gunter", so "Günter Nooke" sorts before "Guy
Stessens", and "Radim Žák" under Z ("zak radim"), not after it. The family name is
`Person.family_name` when it is set, otherwise the last word of the name. A particle written in
lower case at the start of the family name ("de Gruyter", "van der Berg") is not sorted on: it
goes after the given names ("gruyter caroline de"), as Dutch and German indexes do. A particle
written with a capital is part of the name and sorted on ("De Giorgi" under D, "Al-Rawi" under A).
"""

from vmc_project import text

PARTICLES = {
    "al", "d", "da", "das", "de", "degli", "dei", "del", "della", "den", "der", "des", "di",
    "do", "dos", "du", "el", "la", "le", "ten", "ter", "van", "vom", "von", "y", "zu", "zum", "zur",
}  # fmt: skip


def family_name_of(name, family_name=""):
    """The family name as entered, or the last word of the name."""
    if family_name and family_name.strip():
        return " ".join(family_name.split())
    words = (name or "").split()
    return words[-1] if words else ""


def person_sort_key(name, family_name=""):
    """ "family-name given-names particles", folded; see the module docstring."""
    family = family_name_of(name, family_name)
    words = (name or "").split()
    family_words = family.split()
    if family_words and words[-len(family_words) :] == family_words:
        given = words[: -len(family_words)]
    else:
        given = [word for word in words if word not in family_words]
    particles = []
    while len(family_words) > 1 and family_words[0] in PARTICLES:
        particles.append(family_words.pop(0))
    return " ".join(text.words(" ".join([*family_words, *given, *particles])))[:400]
