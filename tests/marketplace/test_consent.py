"""The checkout's consent links the privacy notice it refers to."""

from marketplace.checkout.forms import ConsentForm


def test_the_consent_links_the_privacy_notice():
    form = ConsentForm(privacy_url="/it/informativa-privacy/")
    label = str(form.fields["consent"].label)
    assert '<a href="/it/informativa-privacy/"' in label
    assert 'target="_blank"' in label and 'rel="noopener"' in label


def test_the_consent_without_a_privacy_page_names_it_plainly():
    label = str(ConsentForm().fields["consent"].label)
    assert "<a" not in label


def test_the_privacy_address_is_escaped():
    form = ConsentForm(privacy_url='/x/"><script>')
    assert "<script>" not in str(form.fields["consent"].label)
