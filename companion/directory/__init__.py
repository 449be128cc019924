"""The directory of supportive-care resources: places, nearest search, coverage, import, corrections, API."""
