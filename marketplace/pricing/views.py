from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import rules
from .forms import IseeDeclarationForm
from .models import IseeBand, IseeDeclaration


@never_cache
@login_required
def isee_declaration(request):
    """The citizen declares (or updates) the household's ISEE and sees their band."""
    declaration = IseeDeclaration.objects.filter(user=request.user).first()
    form = IseeDeclarationForm(
        request.POST or None, instance=declaration or IseeDeclaration(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your ISEE declaration has been saved."))
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect("marketplace_pricing:isee-declaration")
    today = timezone.localdate()
    bands = IseeBand.objects.valid_on(today)
    current_band = rules.band_for(
        rules.valid_isee_value(declaration, today), [b.as_rule() for b in bands]
    )
    return render(
        request,
        "marketplace/isee_declaration.html",
        {
            "form": form,
            "declaration": declaration,
            "bands": bands,
            "current_band": current_band,
            "notice": rules.isee_notice(declaration, today),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )
