"""The directory of supportive-care resources: places, nearest search, coverage, import, corrections, API."""


def warm_up(session) -> None:
    """Build this worker's in-memory index and gazetteer now (a server's start), not on its first searches."""
    from companion.directory.gazetteer import GAZETTEERS
    from companion.directory.index import SNAPSHOTS

    SNAPSHOTS.get(session)
    GAZETTEERS.get(session)
