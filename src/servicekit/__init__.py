"""The thin kit both services share: settings, database, errors, middleware, health, logging.

Only what NEETPrepGPT and Symptom2Specialist both need lives here, once. Anything that belongs
to one domain stays in that service's own package.
"""
