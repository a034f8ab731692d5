import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.pricing.rules import Band
from marketplace.quotes import rules, statuses

TODAY = datetime.date(2026, 12, 1)
amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False)
shares = st.decimals(min_value=0, max_value=100, places=0)


def test_quote_amount():
    assert rules.quote_amount("20", "18.50") == Decimal("370.00")
    assert rules.quote_amount("1.5", "10.333") == Decimal("15.50")
    with pytest.raises(rules.QuoteRuleError):
        rules.quote_amount("0", "10")
    with pytest.raises(rules.QuoteRuleError):
        rules.quote_amount("1", "-1")


def test_validity_window():
    rules.check_validity(TODAY, TODAY)
    rules.check_validity(TODAY + datetime.timedelta(days=rules.MAX_VALIDITY_DAYS), TODAY)
    with pytest.raises(rules.QuoteRuleError):
        rules.check_validity(TODAY - datetime.timedelta(days=1), TODAY)
    with pytest.raises(rules.QuoteRuleError):
        rules.check_validity(TODAY + datetime.timedelta(days=rules.MAX_VALIDITY_DAYS + 1), TODAY)


def test_provider_count():
    for count in range(1, rules.MAX_PROVIDERS + 1):
        rules.check_provider_count(count)
    for count in (0, rules.MAX_PROVIDERS + 1):
        with pytest.raises(rules.QuoteRuleError):
            rules.check_provider_count(count)


def test_accept_only_quoted_current_and_open():
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert rules.can_accept(statuses.QUOTED, statuses.SENT, TODAY, TODAY)
    assert not rules.can_accept(statuses.QUOTED, statuses.SENT, TODAY, tomorrow)  # expired
    assert not rules.can_accept(statuses.QUOTED, statuses.CLOSED, tomorrow, TODAY)
    for status in set(statuses.QUOTE_LABELS) - {statuses.QUOTED}:
        assert not rules.can_accept(status, statuses.SENT, tomorrow, TODAY)


def test_only_accepted_current_quotes_are_payable():
    assert rules.is_payable(statuses.ACCEPTED, TODAY, TODAY)
    assert not rules.is_payable(statuses.ACCEPTED, TODAY - datetime.timedelta(days=1), TODAY)
    for status in (statuses.WITHDRAWN, statuses.EXPIRED, statuses.ORDERED, statuses.QUOTED):
        assert not rules.is_payable(status, TODAY, TODAY)


@given(amount=amounts)
def test_market_quote_is_charged_in_full(amount):
    price = rules.charge_for(amount, "market", Band(None, Decimal("30")))
    assert price.citizen_price == price.full_price == amount
    assert price.comune_contribution == 0


@given(amount=amounts, share=shares)
def test_accredited_quote_is_split_by_isee(amount, share):
    price = rules.charge_for(amount, "accredited", Band(None, share))
    assert price.full_price == amount
    assert price.citizen_price + price.comune_contribution == amount
    assert 0 <= price.citizen_price <= amount
    assert rules.charge_for(amount, "accredited", None).citizen_price == amount


def test_expiry_of_quotes_and_requests():
    yesterday = TODAY - datetime.timedelta(days=1)
    assert rules.quote_expires(statuses.QUOTED, yesterday, statuses.SENT, TODAY, TODAY)
    assert not rules.quote_expires(statuses.QUOTED, TODAY, statuses.SENT, TODAY, TODAY)
    assert rules.quote_expires(statuses.ACCEPTED, yesterday, statuses.CLOSED, TODAY, TODAY)
    assert rules.quote_expires(statuses.AWAITING, None, statuses.SENT, yesterday, TODAY)
    assert not rules.quote_expires(statuses.AWAITING, None, statuses.SENT, TODAY, TODAY)
    assert not rules.quote_expires(statuses.ORDERED, yesterday, statuses.CLOSED, yesterday, TODAY)
    assert rules.request_expires(statuses.SENT, yesterday, [statuses.DECLINED], TODAY)
    assert not rules.request_expires(statuses.SENT, yesterday, [statuses.QUOTED], TODAY)
    assert not rules.request_expires(statuses.SENT, TODAY, [], TODAY)
    assert not rules.request_expires(statuses.CLOSED, yesterday, [], TODAY)


def test_sniff_attachment():
    assert rules.sniff_attachment(b"%PDF-1.7\n") == "pdf"
    assert rules.sniff_attachment(b"\x89PNG\r\n\x1a\n....") == "png"
    assert rules.sniff_attachment(b"\xff\xd8\xff\xe0") == "jpeg"
    assert rules.sniff_attachment(b"RIFF1234WEBPVP8 ") == "webp"
    assert rules.sniff_attachment(b"<html><script>") is None
    assert rules.sniff_attachment(b"MZ\x90\x00") is None


def test_away():
    now = datetime.datetime(2026, 12, 1, 10, 0)
    assert rules.is_away(None, now)
    assert not rules.is_away(now - datetime.timedelta(minutes=1), now)
    assert rules.is_away(now - rules.AWAY_AFTER - datetime.timedelta(seconds=1), now)


def test_answer_stats():
    start = datetime.datetime(2026, 12, 1, 9, 0)
    hours = datetime.timedelta(hours=1)
    rows = [(start, start + 2 * hours), (start, start + 4 * hours), (start, None), (start, None)]
    assert rules.answer_stats(rows) == {"sent": 4, "answered": 2, "answer_rate": 50,
                                        "median_hours": 3.0}
    assert rules.answer_stats([]) == {"sent": 0, "answered": 0, "answer_rate": None,
                                      "median_hours": None}


def test_every_status_has_a_label_and_terminal_states_stay():
    assert set(statuses.QUOTE_PIPELINE) == set(statuses.QUOTE_LABELS)
    for status in (statuses.ORDERED, statuses.WITHDRAWN, statuses.DECLINED, statuses.EXPIRED):
        assert statuses.QUOTE_PIPELINE[status] == ()
    assert not statuses.can_move(statuses.WITHDRAWN, statuses.ACCEPTED)
    assert not statuses.can_move(statuses.EXPIRED, statuses.ORDERED)
