"""The checklist's tables: anonymous notebooks, their items and the results people chose to keep."""

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


class Notebook(SQLModel, table=True):
    """An anonymous notebook: known only by the hash of its code."""

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    created_at: datetime
    touched_at: datetime = Field(index=True)


class ChecklistItem(SQLModel, table=True):
    """A supportive care (from the catalogue, or the person's own) and where they are with it."""

    __table_args__ = (UniqueConstraint("notebook_id", "care_key"),)

    id: int | None = Field(default=None, primary_key=True)
    notebook_id: int = Field(foreign_key="notebook.id", ondelete="CASCADE", index=True)
    care_key: str | None = Field(default=None, max_length=40)  # None for a personal item
    title: str = Field(default="", max_length=120)  # the personal item's own words
    status: str = Field(max_length=20)
    note: str = Field(default="", max_length=500)
    reason: str = Field(default="", max_length=300)
    centre_id: str | None = Field(default=None, max_length=80)
    version: int = 1
    created_at: datetime
    updated_at: datetime


class SavedAssessment(SQLModel, table=True):
    """Scores of one self-assessment the person chose to keep (0–10 each), and the urgent signs ticked that
    day, if any (trends.URGENT_KEY: {"signs": [keys], "fever_on_treatment": bool})."""

    id: int | None = Field(default=None, primary_key=True)
    notebook_id: int = Field(foreign_key="notebook.id", ondelete="CASCADE", index=True)
    created_at: datetime
    scores: dict = Field(sa_column=Column(JSON, nullable=False))
