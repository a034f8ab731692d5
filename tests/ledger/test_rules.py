"""Voucher and tender rules (plain functions): examples and properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.ledger import rules


def test_amount_by_isee_band():
    bands = [[15000, 400], [27000, 200]]
    assert rules.voucher_amount(bands, Decimal("9000"), Decimal("27000")) == 40000
    assert rules.voucher_amount(bands, Decimal("15000.00"), Decimal("27000")) == 40000
    assert rules.voucher_amount(bands, Decimal("15000.01"), Decimal("27000")) == 20000
    assert rules.voucher_amount(bands, Decimal("27000"), Decimal("27000")) == 20000
    assert rules.voucher_amount(bands, Decimal("27000.01"), Decimal("27000")) is None
    assert rules.voucher_amount(bands, None, Decimal("27000")) is None
    # The ceiling wins over a band reaching higher.
    assert rules.voucher_amount([[40000, 100]], Decimal("30000"), Decimal("27000")) is None


def test_amount_per_minor():
    assert rules.voucher_amount([[27000, 150]], 1000, 27000, minors=3, per_minor=True) == 45000
    assert rules.voucher_amount([[27000, 150]], 1000, 27000, minors=3) == 15000


@pytest.mark.parametrize("bands, ok", [
    ([[15000, 400], [27000, 200]], True),
    ([], False),
    ([[27000, 200], [15000, 400]], False),
    ([[15000, 0]], False),
    ([[15000, "400"]], False),
    ("400", False),
])
def test_validate_bands(bands, ok):
    assert (rules.validate_bands(bands) == "") is ok


def test_fiscal_codes():
    assert rules.fiscal_code_problem("BNCLCU17C12F205R") == ""
    assert rules.fiscal_code_problem("bnclcu17c12f205r") == ""
    assert rules.fiscal_code_problem("BNCLCU17C12F205X") != ""  # wrong check letter
    assert rules.fiscal_code_problem("12345678901") != ""  # a company's number
    assert rules.fiscal_code_problem("") != ""


def test_minor_from_fiscal_code():
    on = date(2026, 12, 1)
    assert rules.minor_problem("BNCLCU17C12F205R", 9, on) == ""
    assert "9" in rules.minor_problem("BNCLCU17C12F205R", 12, on)  # names the real age
    assert rules.minor_problem("RSSMRA80A01F205X", None, on) != ""  # an adult


def test_voucher_code_is_readable():
    code = rules.voucher_code(123456789)
    assert code.startswith("WM-") and len(code) == 12
    assert set(code[3:].replace("-", "")) <= set(rules.CODE_ALPHABET)


def test_plan_pays_only_eligible_lines_and_only_the_citizen_share():
    plan = rules.plan_tenders([("a", 5000, True), ("b", 3000, False), ("c", 4000, True)], 7000)
    assert plan == {"a": (5000, 0), "b": (0, 3000), "c": (2000, 2000)}


lines_strategy = st.lists(
    st.tuples(st.integers(0, 10**6), st.booleans()), min_size=0, max_size=8
)


@given(lines_strategy, st.integers(-100, 10**7))
def test_plan_properties(lines, balance):
    keyed = [(i, cents, eligible) for i, (cents, eligible) in enumerate(lines)]
    plan = rules.plan_tenders(keyed, balance)
    assert sum(v for v, _p in plan.values()) <= max(balance, 0)
    for key, cents, eligible in keyed:
        voucher, provider = plan[key]
        assert voucher + provider == cents and voucher >= 0 and provider >= 0
        if not eligible:
            assert voucher == 0
    # The voucher is used as far as it can: either it is spent, or every eligible line is paid.
    spent = sum(v for v, _p in plan.values())
    eligible_total = sum(c for _k, c, e in keyed if e)
    assert spent == min(max(balance, 0), eligible_total)


def test_refund_plan_examples():
    assert rules.refund_plan({"voucher": 3000, "provider": 1000}, 2000) == {
        "voucher": 1500, "provider": 500}
    # The odd cent goes to the largest share.
    assert rules.refund_plan({"a": 200, "b": 100}, 100) == {"a": 67, "b": 33}
    assert rules.refund_plan({"a": 1, "b": 1, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}
    with pytest.raises(ValueError):
        rules.refund_plan({"a": 100}, 101)


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 10**7), min_size=1,
                    max_size=6),
    st.data(),
)
def test_refund_plan_properties(paid, data):
    amount = data.draw(st.integers(0, sum(paid.values())))
    plan = rules.refund_plan(paid, amount)
    assert sum(plan.values()) == amount
    total = sum(paid.values())
    for key, cents in paid.items():
        assert 0 <= plan[key] <= cents
        if total:
            # Pro rata, within one cent.
            assert abs(plan[key] * total - amount * cents) < total + 1


@given(st.decimals(min_value=0, max_value=10**6, places=2))
def test_cents_round_trip(eur):
    assert rules.to_eur(rules.to_cents(eur)) == eur
