"""The family's vouchers (/shop/accounts/vouchers/): apply, see each voucher with its code,
balance, validity and every transaction, download it as a PDF, link a voucher granted by the
Comune (CSV import) to the account with its code and the holder's fiscal code."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.privacy.acting import customer_of

from . import rules
from .admin_views import transactions_of
from .forms import ApplicationForm
from .models import Fund, Voucher, VoucherApplication


class LinkForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Voucher code"), max_length=20,
                           widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}))
    holder_fiscal_code = forms.CharField(
        label=gettext_lazy("Your fiscal code"), max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}))


def open_funds(today=None):
    today = today or timezone.localdate()
    return Fund.objects.filter(applications_from__lte=today, applications_until__gte=today,
                               kind=Fund.Kind.COMUNE_VOUCHER)


@never_cache
@login_required
def my_vouchers(request):
    citizen = customer_of(request)
    link_form = LinkForm(request.POST or None)
    if request.method == "POST" and link_form.is_valid():
        code = link_form.cleaned_data["code"].strip().upper()
        holder = rules.normalise_fiscal_code(link_form.cleaned_data["holder_fiscal_code"])
        linked = Voucher.objects.filter(code=code, holder_fiscal_code=holder,
                                        user__isnull=True).update(user=citizen)
        if linked:
            messages.success(request, _("The voucher is now in your account."))
            return redirect("ledger:mine")
        link_form.add_error(None, _("No voucher waiting to be linked matches this code and "
                                    "fiscal code."))
    found = list(Voucher.objects.filter(user=citizen).select_related("fund", "account"))
    for voucher in found:
        voucher.balance = rules.to_eur(voucher.account.balance)
        voucher.granted = rules.to_eur(voucher.amount)
    return render(request, "ledger/my_vouchers.html", {
        "vouchers": found,
        "applications": VoucherApplication.objects.filter(user=citizen).exclude(
            status=VoucherApplication.Status.APPROVED).select_related("fund"),
        "funds": open_funds(),
        "link_form": link_form,
    }, status=400 if link_form.errors else 200)


@never_cache
@login_required
def voucher_detail(request, code):
    voucher = get_object_or_404(Voucher.objects.select_related("fund", "account"),
                                code=code, user=customer_of(request))
    return render(request, "ledger/voucher_detail.html", {
        "voucher": voucher, "balance": rules.to_eur(voucher.account.balance),
        "granted": rules.to_eur(voucher.amount), "transactions": transactions_of(voucher),
    })


@never_cache
@login_required
def voucher_pdf(request, code):
    from weasyprint import HTML

    voucher = get_object_or_404(Voucher.objects.select_related("fund", "account"),
                                code=code, user=customer_of(request))
    html = render_to_string("ledger/voucher_pdf.html", {
        "voucher": voucher, "balance": rules.to_eur(voucher.account.balance),
        "granted": rules.to_eur(voucher.amount), "transactions": transactions_of(voucher),
        "printed_on": timezone.localdate(),
    }, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant="pdf/ua-1")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="voucher-{voucher.code}.pdf"'
    return response


@never_cache
@login_required
def apply(request, pk):
    fund = get_object_or_404(open_funds(), pk=pk)
    citizen = customer_of(request)
    form = ApplicationForm(request.POST or None, fund=fund, user=citizen)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except IntegrityError:  # a second submit of the same application
            pass
        messages.success(request, _("Your application was sent: the Comune will check it and "
                                    "you will find the voucher here once it is granted."))
        return redirect("ledger:mine")
    return render(request, "ledger/apply.html", {
        "fund": fund, "form": form, "bands": [
            {"isee": band[0], "amount": band[1]} for band in fund.bands],
    }, status=400 if form.errors else 200)


@require_POST
@login_required
def withdraw(request, pk):
    VoucherApplication.objects.filter(pk=pk, user=customer_of(request),
                                      status=VoucherApplication.Status.SUBMITTED).delete()
    return redirect("ledger:mine")
