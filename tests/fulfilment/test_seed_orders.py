import io

from django.core.management import call_command
from oscar.core.loading import get_model

from content.factories import make_provider, make_service, make_zone
from marketplace import factories, line_options
from marketplace.fulfilment import access
from marketplace.fulfilment import statuses as s

from .conftest import make_user

Order = get_model("order", "Order")


def test_seed_orders_builds_each_state_once(site_data):
    provider = make_provider(title="Cooperativa Demo")
    staff = make_user(groups=[provider.staff_group])
    service = make_service(provider, zones=[make_zone("Municipio 3")])
    factories.make_offer(service, price="20.00", pricing_kind="market")
    factories.make_citizen(email="cittadino@wemi.example")

    output = io.StringIO()
    call_command("seed_orders", stdout=output)
    call_command("seed_orders", stdout=io.StringIO())

    orders = Order.objects.filter(number__startswith="WEMI-DEMO-").order_by("number")
    assert [order.lines.get().status for order in orders] == [s.PENDING, s.ACCEPTED, s.DECLINED]
    line = orders[0].lines.get()
    assert line.attributes.get(option__code=line_options.SERVICE_ZONE).value == "Municipio 3"
    assert set(access.lines_to_fulfil(staff)) == {order.lines.get() for order in orders}
    assert staff.email in output.getvalue()
    operator = get_model("marketplace_accounts", "User").objects.get(email="operatore@wemi.example")
    assert access.can_view_all_orders(operator)
