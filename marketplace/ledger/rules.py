"""Voucher and tender rules as plain functions, without the database (unit and property tests
in tests/ledger/). Money is in integer cents."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale

DEFAULT_ISEE_CEILING = Decimal("27000.00")
MINOR_AGE_LIMIT = 18  # a minor is under 18
CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"  # no look-alikes (0/O, 1/I, 2/Z, 5/S, 8/B)


def default_bands():
    """Milan's 2026 call: 400 EUR up to an ISEE of 15,000, 200 EUR up to 27,000."""
    return [[15000, 400], [27000, 200]]


def to_cents(amount):
    """EUR (Decimal, str or int) to integer cents, rounding half up."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_eur(cents):
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def format_cents(cents):
    return f"{to_eur(cents)} EUR"


def voucher_code(number):
    """A readable code ``WM-XXXX-XXXX`` for a random number (40 bits)."""
    letters = []
    for _index in range(8):
        number, digit = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[digit])
    return "WM-" + "".join(letters[:4]) + "-" + "".join(letters[4:])


def validate_bands(bands):
    """The problem with a fund's bands (a message), or '' when they are usable: a non-empty
    list of [ISEE up to, amount] pairs, ISEE strictly rising, amounts above zero."""
    if not isinstance(bands, list) or not bands:
        return _("Give at least one band as [ISEE up to, amount].")
    previous = None
    for band in bands:
        if (not isinstance(band, list | tuple) or len(band) != 2
                or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in band)):
            return _("Each band is a pair of numbers: [ISEE up to, amount].")
        ceiling, amount = band
        if amount <= 0 or ceiling < 0:
            return _("Amounts are above zero and ISEE limits are not negative.")
        if previous is not None and ceiling <= previous:
            return _("List the bands from the lowest ISEE to the highest.")
        previous = ceiling
    return ""


def voucher_amount(bands, isee_value, isee_ceiling, minors=1, per_minor=False):
    """The voucher in cents for a household's ISEE, or None when it is not eligible (no ISEE,
    above the ceiling or above every band)."""
    if isee_value is None:
        return None
    isee_value = Decimal(str(isee_value))
    if isee_value > Decimal(str(isee_ceiling)):
        return None
    for ceiling, amount in bands:
        if isee_value <= Decimal(str(ceiling)):
            cents = to_cents(amount)
            return cents * max(minors, 1) if per_minor else cents
    return None


def normalise_fiscal_code(value):
    return codicefiscale.compact(value or "")


def fiscal_code_problem(value):
    """A message when ``value`` is not a valid Italian personal fiscal code, else ''."""
    try:
        code = codicefiscale.validate(value or "")
    except StdnumError:
        return _("This is not a valid fiscal code: check the 16 letters and digits.")
    if len(code) != 16:
        return _("Give the person's 16-character fiscal code.")
    return ""


def birth_date(fiscal_code):
    """The birth date in a valid personal fiscal code (stdnum picks the century)."""
    return codicefiscale.get_birth_date(fiscal_code)


def age_on(born, on_date):
    return on_date.year - born.year - ((on_date.month, on_date.day) < (born.month, born.day))


def minor_problem(fiscal_code, stated_age, on_date):
    """A message when the fiscal code's birth date says the person is not a minor, or does
    not match the stated age; '' when it fits."""
    born = birth_date(fiscal_code)
    if born > on_date:  # stdnum's century guess can land in the future for old codes
        born = date(born.year - 100, born.month, born.day)
    age = age_on(born, on_date)
    if age >= MINOR_AGE_LIMIT:
        return _("The fiscal code belongs to someone aged 18 or over: vouchers are for minors.")
    if stated_age is not None and stated_age != age:
        return _("The age does not match the fiscal code's birth date (%(age)s years).") % {
            "age": age
        }
    return ""


def plan_tenders(lines, balance):
    """Split what the citizen pays for each line between a voucher and "pay the provider".

    ``lines`` is a list of ``(key, citizen_cents, eligible)``: what the citizen pays for the
    line (never the Comune's contribution) and whether the voucher may buy it. The voucher
    pays eligible lines in the order given until its ``balance`` runs out. Returns
    ``{key: (voucher_cents, provider_cents)}``; each pair sums to the line's citizen share.
    """
    plan = {}
    left = max(balance, 0)
    for key, cents, eligible in lines:
        voucher = min(left, cents) if eligible and cents > 0 else 0
        left -= voucher
        plan[key] = (voucher, cents - voucher)
    return plan


def refund_plan(paid, amount):
    """Split a refund of ``amount`` cents pro rata over what each source paid for a line.

    ``paid`` maps a source to the cents it paid (still refundable). Each share is rounded
    down; the cents left over go one by one to the largest shares first (ties: the order
    given). Never more than a source paid; the shares sum to ``amount``.
    """
    total = sum(paid.values())
    if amount < 0 or amount > total:
        raise ValueError("refund above what was paid")
    if amount == 0:
        return dict.fromkeys(paid, 0)
    shares = {key: amount * cents // total for key, cents in paid.items()}
    left = amount - sum(shares.values())
    for key in sorted(paid, key=lambda k: -paid[k]):
        if left == 0:
            break
        if shares[key] < paid[key]:
            shares[key] += 1
            left -= 1
    return shares


# Welfare credit (docs/decisions/0030): the rows of an employer's CSV file.

EMAIL_HEADERS = {"email", "e-mail", "mail", "indirizzo email", "indirizzo e-mail"}


def parse_amount(text):
    """Cents for an amount in EUR as typed ("25", "25.50", "25,50", "€ 25"), or None when it
    is not a positive amount with at most two decimals."""
    text = (text or "").strip().replace("€", "").replace("EUR", "").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        amount = Decimal(text)
    except (ArithmeticError, ValueError):
        return None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        return None
    return int(amount * 100)


def email_problem(value):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        return _("This is not a valid e-mail address.")
    return ""


def credit_rows(rows):
    """Check the rows of an employer's file ``email, amount in EUR[, language]``.

    ``rows`` are lists of cells (``csv.reader``); a first row whose first cell is an e-mail
    heading is skipped, as are empty rows. Returns ``(accepted, refused)``: ``accepted`` a
    list of ``(row_number, email, cents, language)``, ``refused`` a list of
    ``(row_number, text_of_the_row, reason)``. A second row for the same address (any case)
    is refused as a duplicate: the first one counts.
    """
    accepted, refused, seen = [], [], set()
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and cells[0].lower() in EMAIL_HEADERS:
            continue
        text = ", ".join(cells)
        if len(cells) < 2:
            refused.append((number, text, _("Give an e-mail address and an amount.")))
            continue
        email, amount_text = cells[0].lower(), cells[1]
        language = cells[2].lower() if len(cells) > 2 and cells[2] else ""
        problem = email_problem(email)
        cents = parse_amount(amount_text)
        if problem:
            refused.append((number, text, problem))
        elif cents is None:
            refused.append((number, text, _("The amount is not a positive sum in EUR with at "
                                            "most two decimals.")))
        elif email in seen:
            refused.append((number, text, _("This address is already on an earlier row.")))
        else:
            seen.add(email)
            accepted.append((number, email, cents, language))
    return accepted, refused


def credit_returned(granted, spent, remaining):
    """What went back to the employer from an employee's credit: what was granted and is
    neither spent nor still spendable."""
    return granted - spent - remaining
def lapses_at(placed_at, start_date, answer_days, tz=None):
    """When a line still awaiting its provider and holding voucher money lapses: ``answer_days``
    after it was placed (a provider's time to answer, as for quote requests), or at the end of
    its preferred start date when that comes first (the service can no longer start as
    asked). ``placed_at`` is an aware datetime; ``start_date`` a date or None."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    deadline = placed_at + timedelta(days=answer_days)
    if start_date is not None:
        zone = tz or ZoneInfo("Europe/Rome")
        end_of_start = datetime.combine(start_date + timedelta(days=1), time(0), zone)
        deadline = min(deadline, end_of_start)
    return deadline
