# Kazakh dates read day, month, year: "1 шілде 2026 ж."
DATE_FORMAT = "j E Y ж."
DATETIME_FORMAT = "j E Y ж. H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y ж."
FIRST_DAY_OF_WEEK = 1
