"""Public pages of the legislative process: bills and their texts, sittings and votes."""
