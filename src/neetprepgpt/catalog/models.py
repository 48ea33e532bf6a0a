"""Subjects and chapters. A chapter belongs to one exam subject; slugs are unique per subject."""

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from neetprepgpt.db import Base


class Subject(Base):
    __tablename__ = "subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]

    chapters: Mapped[list["Chapter"]] = relationship(
        back_populates="subject", lazy="raise", order_by="Chapter.position"
    )


class Chapter(Base):
    __tablename__ = "chapters"
    __table_args__ = (
        UniqueConstraint("subject_id", "slug"),
        CheckConstraint("class_level IN (11, 12)", name="class_level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id", ondelete="RESTRICT"))
    slug: Mapped[str] = mapped_column(String(96))
    name: Mapped[str] = mapped_column(String(160))
    class_level: Mapped[int]
    position: Mapped[int]

    subject: Mapped[Subject] = relationship(back_populates="chapters", lazy="raise")
