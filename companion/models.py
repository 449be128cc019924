"""Database tables."""

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Centre(SQLModel, table=True):
    """A supportive-care resource: pain structure, information space, fertility centre..."""

    # Covers the nearest search's bounding-box query, so it never reads the table itself.
    __table_args__ = (Index("ix_centre_position", "lat", "lon", "kind", "id"),)

    id: str = Field(primary_key=True, max_length=80)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=200)
    establishment: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=5)
    city: str = Field(max_length=100)
    departement: str = Field(index=True, max_length=3)
    phone: str = Field(default="", max_length=30)
    url: str = Field(default="", max_length=300)
    lat: float
    lon: float
    coord_precision: str = Field(max_length=20)
    source: str = Field(default="", max_length=1000)


class Commune(SQLModel, table=True):
    """One (commune, postcode) pair of the offline gazetteer."""

    id: int | None = Field(default=None, primary_key=True)
    insee: str = Field(index=True, max_length=5)
    name: str = Field(max_length=100)
    search_name: str = Field(index=True, max_length=100)  # see places.normalise
    postcode: str = Field(index=True, max_length=5)
    departement: str = Field(max_length=3)
    lat: float | None = None
    lon: float | None = None
    population: int = 0
