"""Kinds used by the conference models, kept in one place.

`Role` is the one definition of what each role is called on every page and in every export: its
label (one person), its plural (several), and whether it puts the person on stage. Templates use
the `role_label` / `role_heading` filters, code uses `Role.label_of`, `Role.heading` and
`Role.on_stage()`; nothing else spells a role."""

from django.db import models


class EditionFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    HYBRID = "hybrid", "Hybrid (in person and online)"


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class SessionFormat(models.TextChoices):
    OPENING = "opening", "Opening"
    INTRODUCTION = "introduction", "Introduction"
    KEYNOTE = "keynote", "Keynote"
    KEYNOTE_CONVERSATION = "keynote_conversation", "Keynote conversation"
    HIGH_LEVEL_PANEL = "high_level_panel", "High-level panel"
    HIGH_LEVEL_DIALOGUE = "high_level_dialogue", "High-level dialogue"
    PANEL_DISCUSSION = "panel_discussion", "Panel discussion"
    ARMCHAIR_CONVERSATION = "armchair_conversation", "Armchair conversation"
    CLOSING_DISCUSSION = "closing_discussion", "Closing discussion"
    CLOSING = "closing", "Closing"
    SIDE_EVENT = "side_event", "Side event"
    SIDE_MEETING = "side_meeting", "Side meetings"
    FILM_SCREENING = "film_screening", "Film screening"
    DINNER = "dinner", "Dinner"
    RECEPTION = "reception", "Reception"
    ROUNDTABLE = "roundtable", "Roundtable"

    @classmethod
    def headline(cls):
        """The formats whose speakers are the edition's key speakers (Participation.headliners)."""
        return [cls.KEYNOTE, cls.KEYNOTE_CONVERSATION, cls.HIGH_LEVEL_PANEL, cls.HIGH_LEVEL_DIALOGUE]

    @classmethod
    def highlighted(cls):
        """The formats the home page shows as the programme's highlights: the headline ones and
        the main discussions."""
        return [*cls.headline(), cls.PANEL_DISCUSSION, cls.CLOSING_DISCUSSION]


class PartnerRole(models.TextChoices):
    SUPPORTER = "supporter", "Supporter"
    EVENT_PARTNER = "event_partner", "Partner of a side event"
    HOST = "host", "Host"
    PUBLICATION_SUPPORTER = "report_supporter", "Supporter of the report"


class Role(models.TextChoices):
    """What a person did at a session (or at the edition as a whole)."""

    OPENING_REMARKS = "opening_remarks", "Opening remarks"
    KEYNOTE = "keynote", "Keynote"
    SPEAKER = "speaker", "Speaker"
    PANELLIST = "panellist", "Panellist"
    MODERATOR = "moderator", "Moderator"
    INTERVIEWER = "interviewer", "Interviewer"
    HOST = "host", "Host"
    GUEST = "guest", "Guest"
    CLOSING_REMARKS = "closing_remarks", "Closing remarks"
    MASTER_OF_CEREMONIES = "master_of_ceremonies", "Master of ceremonies"

    @classmethod
    def label_of(cls, value):
        """The label of one person in this role ("Moderator"); "" for an unknown value."""
        try:
            return cls(value).label
        except ValueError:
            return ""

    @classmethod
    def plural_of(cls, value):
        """The label of several people in this role ("Moderators")."""
        try:
            return ROLE_PLURALS[cls(value)]
        except ValueError:
            return ""

    @classmethod
    def heading(cls, value, count):
        """The label for `count` people in this role: singular for one, plural for more."""
        return cls.label_of(value) if count == 1 else cls.plural_of(value)

    @classmethod
    def on_stage(cls):
        """The roles of people on stage. Guests (the dinner's invited guests) are not on stage:
        they are listed apart and not counted among the speakers."""
        return [role for role in cls.stage_order() if role != cls.GUEST]

    @classmethod
    def is_on_stage(cls, value):
        return value in cls.on_stage()

    @classmethod
    def stage_order(cls):
        """Order in which roles are listed on a session page."""
        return [
            cls.OPENING_REMARKS,
            cls.KEYNOTE,
            cls.SPEAKER,
            cls.PANELLIST,
            cls.MODERATOR,
            cls.INTERVIEWER,
            cls.HOST,
            cls.GUEST,
            cls.CLOSING_REMARKS,
            cls.MASTER_OF_CEREMONIES,
        ]


ROLE_PLURALS = {
    Role.OPENING_REMARKS: "Opening remarks",
    Role.KEYNOTE: "Keynotes",
    Role.SPEAKER: "Speakers",
    Role.PANELLIST: "Panellists",
    Role.MODERATOR: "Moderators",
    Role.INTERVIEWER: "Interviewers",
    Role.HOST: "Hosts",
    Role.GUEST: "Guests",
    Role.CLOSING_REMARKS: "Closing remarks",
    Role.MASTER_OF_CEREMONIES: "Masters of ceremonies",
}
