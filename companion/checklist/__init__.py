"""The checklist, kept in an anonymous notebook opened by a code."""
