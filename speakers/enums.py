"""Kinds used by the people models."""

from django.db import models


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
