"""Public pages of the cooperation pillar, one module per part: partnerships and their records, programmes and
activities, calendar feeds."""
