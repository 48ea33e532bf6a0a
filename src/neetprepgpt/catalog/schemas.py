"""Public shapes of subjects and chapters."""

from pydantic import BaseModel, Field


class ChapterPublic(BaseModel):
    slug: str = Field(examples=["gravitation"])
    name: str = Field(examples=["Gravitation"])
    class_level: int = Field(examples=[11])


class SubjectPublic(BaseModel):
    key: str = Field(examples=["physics"])
    name: str = Field(examples=["Physics"])
    chapters: list[ChapterPublic]
