"""Organisation rules: tax codes, who may act, who is named, what a legal entity pays."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from marketplace.organisations import rules


def test_valid_codes_pass_with_spaces_dots_and_it_prefix():
    assert rules.tax_code_problem("97123450153") is None  # a condominium
    assert rules.tax_code_problem("IT 0765 432.0154") is None  # a company's VAT number
    assert rules.normalise_tax_code("IT 0765 432.0154") == "07654320154"
    assert rules.tax_code_problem("rssmra85t10a562s") is None  # a sole trader's fiscal code


def test_each_kind_of_bad_code_has_its_own_reason():
    assert rules.tax_code_problem("  ") == "empty"
    assert rules.tax_code_problem("123") == "length"
    assert rules.tax_code_problem("97123450154") == "checksum"
    assert rules.tax_code_problem("RSSMRA85T10A562X") == "checksum"
    assert rules.tax_code_problem("RSSMRA85T10A56!S") == "format"


@given(st.text(max_size=20))
def test_any_text_gives_a_reason_or_a_valid_code(text):
    problem = rules.tax_code_problem(text)
    assert problem in (None, "empty", "length", "checksum", "format")
    if problem is None:
        assert len(rules.normalise_tax_code(text)) in (11, 16)


def test_only_a_verified_representative_of_a_verified_organisation_acts():
    assert rules.may_act("verified", "representative", True)
    assert not rules.may_act("pending", "representative", True)
    assert not rules.may_act("rejected", "representative", True)
    assert not rules.may_act("verified", "member", True)
    assert not rules.may_act("verified", "representative", False)


def test_names_only_between_verified_members_of_an_organisation_group():
    assert rules.may_see_names(True, True, True)
    assert not rules.may_see_names(False, True, True)
    assert not rules.may_see_names(True, False, True)
    assert not rules.may_see_names(True, True, False)


@given(st.decimals(min_value=0, max_value=10000, places=2),
       st.sampled_from(["accredited", "market"]))
def test_an_organisation_pays_the_full_price_and_the_comune_nothing(price, kind):
    paid = rules.organisation_price(kind, price)
    assert paid.full_price == paid.citizen_price == price
    assert paid.comune_contribution == Decimal("0.00")


def test_a_free_offer_stays_free_for_an_organisation():
    paid = rules.organisation_price("free", Decimal("30"))
    assert paid.citizen_price == paid.full_price == Decimal("0.00")
