import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """The site's search: a fork of Oscar's search app (Oscar requires the label ``search``)."""

    name = "search"
