"""Arabic date formats Django leaves out (its ``ar`` module has no ``DATETIME_FORMAT``).

Without them Arabic pages fall back to the global English-style "N j, Y, P", next to the
Arabic "j F، Y" of dates: every date and time reads as the date, then the time.
"""

DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
