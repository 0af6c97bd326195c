"""Kinds used by the conference models, kept in one place."""

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


class PartnerRole(models.TextChoices):
    SUPPORTER = "supporter", "Supporter"
    EVENT_PARTNER = "event_partner", "Partner of a side event"
    HOST = "host", "Host"
    PUBLICATION_SUPPORTER = "report_supporter", "Supporter of the report"
