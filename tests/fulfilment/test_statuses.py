import pytest

from marketplace.fulfilment import statuses as s


@pytest.mark.parametrize(
    "line_statuses, expected",
    [
        ([s.PENDING], s.ORDER_PENDING),
        ([s.PENDING, s.PENDING], s.ORDER_PENDING),
        ([s.PENDING, s.DECLINED], s.ORDER_PENDING),
        ([s.PENDING, s.CANCELLED], s.ORDER_PENDING),
        ([s.ACCEPTED], s.ORDER_IN_PROGRESS),
        ([s.ACCEPTED, s.PENDING], s.ORDER_IN_PROGRESS),
        ([s.DELIVERED, s.PENDING], s.ORDER_IN_PROGRESS),
        ([s.DELIVERED, s.ACCEPTED], s.ORDER_IN_PROGRESS),
        ([s.DELIVERED], s.ORDER_COMPLETED),
        ([s.DELIVERED, s.DECLINED, s.CANCELLED], s.ORDER_COMPLETED),
        ([s.DECLINED], s.ORDER_DECLINED),
        ([s.DECLINED, s.DECLINED], s.ORDER_DECLINED),
        ([s.CANCELLED], s.ORDER_CANCELLED),
        ([s.DECLINED, s.CANCELLED], s.ORDER_CANCELLED),
    ],
)
def test_order_status_derives_from_its_lines(line_statuses, expected):
    assert s.derive_order_status(line_statuses) == expected


def test_every_derived_order_status_change_is_allowed_by_the_order_pipeline():
    """Whatever the lines do, the derived order status only moves along the order pipeline."""

    def line_moves(state):
        for index, status in enumerate(state):
            for new_status in s.LINE_STATUS_PIPELINE[status]:
                yield state[:index] + (new_status,) + state[index + 1 :]

    for start in [(s.PENDING,), (s.PENDING, s.PENDING), (s.PENDING, s.PENDING, s.PENDING)]:
        seen, todo = set(), [start]
        while todo:
            state = todo.pop()
            if state in seen:
                continue
            seen.add(state)
            for next_state in line_moves(state):
                before, after = s.derive_order_status(state), s.derive_order_status(next_state)
                assert before == after or after in s.ORDER_STATUS_PIPELINE[before], (
                    state,
                    next_state,
                )
                todo.append(next_state)


def test_the_pipelines_are_what_oscar_uses(settings):
    assert settings.OSCAR_LINE_STATUS_PIPELINE == s.LINE_STATUS_PIPELINE
    assert settings.OSCAR_ORDER_STATUS_PIPELINE == s.ORDER_STATUS_PIPELINE
    assert settings.OSCAR_INITIAL_LINE_STATUS == s.PENDING
    assert settings.OSCAR_INITIAL_ORDER_STATUS == s.ORDER_PENDING
