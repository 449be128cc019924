"""The self-assessment of supportive-care needs, and the clinical rules it applies (one table, with sources)."""
