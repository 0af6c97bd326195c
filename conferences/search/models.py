"""The search index: one row per thing a visitor can find, rebuilt from the content (index.py)."""

from django.db import models


class Kind(models.TextChoices):
    SESSION = "session", "Session"
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class SearchEntry(models.Model):
    """A session or a person at one published edition, or an organisation with a public page.

    `folded` holds the words of `title` and `text` folded (vmc_project/text.py); SQLite searches it
    through an FTS5 table kept in sync by triggers, PostgreSQL through a GIN index on its
    tsvector (both made in migration 0001). Never edited by hand: rebuild_search_index."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty for organisations.")
    group = models.CharField(max_length=200, help_text="The heading the result is listed under.")
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True, help_text="What the result shows under its title.")
    folded = models.TextField()
    rank = models.PositiveIntegerField(help_text="Place in the results: newest edition first.")

    class Meta:
        ordering = ["rank"]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
