"""Content operations: loading edition files, history, backups, the next edition, site setup."""

# Models that moved between apps, by the label older edition files and backups give them.
RENAMED_MODELS = {"speakers.participation": "conferences.participation"}


def with_current_labels(records):
    """The records, with a moved model's old label ("speakers.participation", files written
    before Participation moved to the conferences app) read as its current one."""
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("model"), str):
            record["model"] = RENAMED_MODELS.get(record["model"].lower(), record["model"])
    return records
