# Django defines the separators for this language but no grouping, so large figures
# (capital in VND) would print as one run of digits.
NUMBER_GROUPING = 3
