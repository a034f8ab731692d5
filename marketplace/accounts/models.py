from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A person with an account: citizen, provider staff, Comune editor or operator.

    Oscar's abstract user logs in with the email address (no username).
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
