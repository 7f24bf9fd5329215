"""Importers that bring outside data into the registry (Popolo / EveryPolitician)."""
