class FixtureError(Exception):
    """What is wrong, and where: file, record and field. Several problems, one per line."""
