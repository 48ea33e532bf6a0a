"""What the bot knows about each specialty."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SpecialtyId = Literal[
    "general_physician",
    "cardiology",
    "pulmonology",
    "gastroenterology",
    "neurology",
    "nephrology",
    "urology",
    "endocrinology",
    "dermatology",
    "ent",
    "ophthalmology",
    "obstetrics_gynaecology",
    "paediatrics",
    "orthopaedics",
    "rheumatology",
    "psychiatry",
    "haematology",
    "oncology",
    "general_surgery",
    "infectious_diseases",
    "dentistry",
    "emergency_medicine",
]
FALLBACK: SpecialtyId = "general_physician"
CHILDREN: SpecialtyId = "paediatrics"
EMERGENCY: SpecialtyId = "emergency_medicine"


class Specialty(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: SpecialtyId
    name: str = Field(examples=["Cardiology"])
    doctor: str = Field(examples=["Cardiologist"])
    scope: str
    examples: list[str] = []
