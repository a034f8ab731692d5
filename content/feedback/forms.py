from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import (
    COMMENT_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    NEGATIVE_ANSWERS,
    POSITIVE_ANSWERS,
    STARS,
    PageRating,
    ProblemReport,
    follow_up_answers_for,
)


class PageRatingForm(forms.ModelForm):
    """Stars, then a follow-up answer matching the rating, then optional text."""

    stars = forms.TypedChoiceField(
        label=_("How clear is the information on this page?"),
        choices=[(value, str(value)) for value in STARS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5 stars.")},
    )
    answer = forms.ChoiceField(
        label=_("Follow-up answer"),
        choices=POSITIVE_ANSWERS + NEGATIVE_ANSWERS,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        help_text=format_lazy(
            _("At most {count} characters. Do not write personal data."),
            count=COMMENT_MAX_LENGTH,
        ),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.TextInput,
    )

    class Meta:
        model = PageRating
        fields = ["stars", "answer", "comment"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "rating_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        stars, answer = cleaned.get("stars"), cleaned.get("answer")
        if stars and answer and answer not in dict(follow_up_answers_for(stars)):
            self.add_error(
                "answer",
                _("Choose one of the answers for a rating of %(stars)s stars.")
                % {"stars": stars},
            )
        return cleaned

    def positive_answers(self):
        return self._answer_options(POSITIVE_ANSWERS)

    def negative_answers(self):
        return self._answer_options(NEGATIVE_ANSWERS)

    def _answer_options(self, answers):
        codes = {code for code, _label in answers}
        return [option for option in self["answer"] if option.data["value"] in codes]


class ProblemReportForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ProblemReport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong.")},
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        help_text=format_lazy(_("At most {count} characters."), count=DESCRIPTION_MAX_LENGTH),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe the problem.")},
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        help_text=_("Only if you want a reply."),
        required=False,
    )

    class Meta:
        model = ProblemReport
        fields = ["kind", "description", "email"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "report_%s")
        super().__init__(*args, **kwargs)
