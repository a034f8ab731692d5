"""Employer welfare credit (docs/decisions/0030).

- The employer: a verified company's verified representative, under
  /shop/organisations/<pk>/welfare/: creates plans (period, budget, optionally some needs),
  tops their budget up, loads credit for employees one by one or from a CSV file (with a
  report of each refused row), sees totals per employee and per plan and exports them as CSV:
  only sums, never what an employee bought.
- The employee: /shop/accounts/welfare/: each credit with its balance, expiry and every
  movement of their own wallet.
"""

import csv
import hashlib
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from oscar.templatetags.currency_filters import currency

from marketplace.organisations import services as organisation_services
from marketplace.organisations.models import Organisation
from marketplace.privacy.acting import customer_of

from . import credit as credits
from . import rules
from .admin_views import transactions_of
from .forms import CreditImportForm, CreditLoadForm, PlanForm, PlanTopUpForm
from .models import Credit
from .posting import LedgerError
from .vouchers import top_up

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _employer(request, pk):
    """The company ``request.user`` may act for as its verified representative, or 404."""
    membership = organisation_services.acting_membership(request.user, pk)
    if membership is None or membership.organisation.kind != Organisation.Kind.COMPANY:
        raise Http404
    return membership.organisation


def _plan(organisation, plan_pk):
    return get_object_or_404(credits.plans_of(organisation), pk=plan_pk)


def _invite(credit):
    from .notifications import send_credit_invitation

    transaction.on_commit(lambda: send_credit_invitation.enqueue(credit.pk))


def _language(code, default):
    code = (code or "").strip().lower().replace("_", "-")
    return code if code in LANGUAGE_CODES else default


@never_cache
@login_required
def plans(request, pk):
    organisation = _employer(request, pk)
    form = PlanForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = credits.create_plan(
                organisation, data["name"], data["valid_from"], data["valid_until"],
                rules.to_cents(data["budget"]), data["needs"], actor=request.user)
        except IntegrityError:  # the same plan submitted twice
            plan = credits.plans_of(organisation).get(name=data["name"])
        else:
            messages.success(request, _("The plan %(name)s is ready: load credit for your "
                                        "employees.") % {"name": plan.name})
        return redirect("welfare:plan", pk=pk, plan_pk=plan.pk)
    rows = []
    for plan in credits.plans_of(organisation).order_by("-valid_until", "name"):
        _employees, totals = credits.plan_totals(plan)
        rows.append({"plan": plan, "totals": {
            key: rules.to_eur(value) if key != "employees" else value
            for key, value in totals.items()}})
    return render(request, "ledger/welfare/plans.html", {
        "organisation": organisation, "rows": rows, "form": form,
    }, status=400 if form.errors else 200)


def _eur_rows(rows):
    return [{**row, **{key: rules.to_eur(row[key])
                       for key in ("granted", "spent", "remaining", "returned")}}
            for row in rows]


@never_cache
@login_required
def plan_detail(request, pk, plan_pk):
    organisation = _employer(request, pk)
    plan = _plan(organisation, plan_pk)
    action = request.POST.get("action") if request.method == "POST" else None
    load_form = CreditLoadForm(request.POST if action == "load" else None, prefix="load",
                               initial={"request_key": uuid.uuid4()})
    import_form = CreditImportForm(request.POST if action == "import" else None,
                                   request.FILES if action == "import" else None,
                                   prefix="import")
    top_up_form = PlanTopUpForm(request.POST if action == "top-up" else None, prefix="topup",
                                initial={"request_key": uuid.uuid4()})
    report = None
    status = 200
    if action == "load" and load_form.is_valid():
        data = load_form.cleaned_data
        try:
            credit, created = credits.load(
                plan, data["email"], rules.to_cents(data["amount"]), str(data["request_key"]),
                language=data["language"], actor=request.user)
        except LedgerError as error:
            load_form.add_error("amount" if isinstance(error, credits.BudgetExhausted)
                                else None, str(error))
        else:
            if created:
                _invite(credit)
            if not credit.replayed:
                messages.success(request, _("%(amount)s loaded for %(email)s.") % {
                    "amount": currency(rules.to_eur(rules.to_cents(data["amount"])), "EUR"),
                    "email": credit.email})
            return redirect("welfare:plan", pk=pk, plan_pk=plan.pk)
    elif action == "import" and import_form.is_valid():
        report = _import(request, plan, import_form)
    elif action == "top-up" and top_up_form.is_valid():
        if plan.valid_until < rules_today():
            top_up_form.add_error(None, _("This plan's period is over."))
        else:
            data = top_up_form.cleaned_data
            top_up(plan, rules.to_cents(data["amount"]), f"topup:{data['request_key']}",
                   actor=request.user)
            messages.success(request, _("The budget is raised."))
            return redirect("welfare:plan", pk=pk, plan_pk=plan.pk)
    if any(form.errors for form in (load_form, import_form, top_up_form)):
        status = 400
    employees, totals = credits.plan_totals(plan)
    return render(request, "ledger/welfare/plan_detail.html", {
        "organisation": organisation, "plan": plan, "employees": _eur_rows(employees),
        "totals": {key: rules.to_eur(value) if key != "employees" else value
                   for key, value in totals.items()},
        "load_form": load_form, "import_form": import_form, "top_up_form": top_up_form,
        "report": report, "open": plan.valid_until >= rules_today(),
        "needs": need_names(list(plan.needs.all())),
    }, status=status)


def rules_today():
    from django.utils import timezone

    return timezone.localdate()


def _import(request, plan, form):
    """Load each accepted row; the report lists loaded rows and refused ones with why."""
    rows = form.cleaned_data["file"]
    accepted, refused = rules.credit_rows(rows)
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    default_language = form.cleaned_data["language"]
    loaded = []
    for number, email, cents, language in accepted:
        try:
            credit, created = credits.load(
                plan, email, cents, f"csv:{digest}", actor=request.user,
                language=_language(language, default_language))
        except credits.BudgetExhausted:
            refused.append((number, f"{email}, {rules.to_eur(cents)}",
                            _("Over budget: the plan has not enough left for this row.")))
            continue
        except LedgerError as error:
            refused.append((number, f"{email}, {rules.to_eur(cents)}", str(error)))
            continue
        if created:
            _invite(credit)
        loaded.append({"row": number, "email": email, "amount": rules.to_eur(cents),
                       "again": credit.replayed})
    refused.sort()
    return {"loaded": loaded, "refused": [
        {"row": number, "text": text, "reason": reason} for number, text, reason in refused]}


@never_cache
@login_required
def export(request, pk, plan_pk):
    """Totals per employee of one plan as CSV: sums only, never what anyone bought."""
    organisation = _employer(request, pk)
    plan = _plan(organisation, plan_pk)
    employees, _totals = credits.plan_totals(plan)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="welfare-{plan.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Plan"), _("Valid from"), _("Valid until"), _("Employee's e-mail"),
                     _("Granted (EUR)"), _("Spent (EUR)"), _("Remaining (EUR)"),
                     _("Returned to the employer (EUR)")])
    for row in employees:
        writer.writerow([plan.name, plan.applications_from.isoformat(),
                         plan.valid_until.isoformat(), row["email"],
                         rules.to_eur(row["granted"]), rules.to_eur(row["spent"]),
                         rules.to_eur(row["remaining"]), rules.to_eur(row["returned"])])
    return response


@never_cache
@login_required
def my_credit(request):
    citizen = customer_of(request)
    credits.attach_to(citizen)
    found = []
    for credit in Credit.objects.filter(user=citizen).select_related(
            "fund__organisation", "account").order_by("-account__valid_until", "pk"):
        found.append({
            "credit": credit, "balance": rules.to_eur(credit.account.balance),
            "granted": rules.to_eur(credit.amount),
            "lapsed": credit.account.valid_until < rules_today(),
            "needs": need_names(list(credit.fund.needs.all())),
            "transactions": _credit_movements(credit),
        })
    return render(request, "ledger/welfare/my_credit.html", {"credits": found})


def _credit_movements(credit):
    from .models import Transfer

    labels = {Transfer.Kind.GRANT: _("credit loaded by your employer"),
              Transfer.Kind.HOLD: _("held for an order"),
              Transfer.Kind.RETURN: _("returned to the employer")}
    entries = transactions_of(credit)
    for entry in entries:
        entry.label = labels.get(entry.transfer.kind, "")
    return entries


def need_names(needs):
    """The names of a plan's needs (stored in Italian) in the reader's language."""
    from django.utils.translation import get_language

    from content.taxonomy.models import Need

    names = dict(Need.objects.filter(
        locale__language_code=get_language(),
        translation_key__in=[need.translation_key for need in needs],
    ).values_list("translation_key", "name"))
    return [names.get(need.translation_key, need.name) for need in needs]
