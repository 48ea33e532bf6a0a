"""Symptom2Specialist Bot: red flags first, then urgency and the right kind of doctor.

The service never diagnoses or prescribes. Emergencies come from reviewed, explainable rules;
a scikit-learn classifier only suggests which specialist to see.
"""

SERVICE_NAME = "symptom2specialist"
__version__ = "0.1.0"
