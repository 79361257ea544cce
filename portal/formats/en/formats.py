# English as the portal's readers abroad read it (Open Graph says en_GB): day before month and a 24-hour
# clock, like the other three languages, instead of Django's American "May 10, 2027, 8 a.m.".
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
