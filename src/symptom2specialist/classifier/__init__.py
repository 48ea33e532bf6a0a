"""The specialty classifier: TF-IDF word and character n-grams into a calibrated linear model.

It only suggests which specialist fits a non-emergency message. It never decides that
something is an emergency; the red-flag rules do that, before it runs.
"""
