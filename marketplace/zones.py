"""Where a service is delivered: the zones a citizen can pick and whether a service serves one."""

from content.taxonomy.models import Zone, localized


def zone_choices(service_source=None):
    """Neighbourhoods grouped by Municipio, in the reader's language, for a select.

    A Municipio without neighbourhoods is offered itself. Values are the Italian rows' pks.
    With ``service_source`` (a service's facts source page) only the zones it serves are
    offered (:func:`serves_zone`): a citizen cannot pick an area the service does not reach.
    """
    zones = list(Zone.objects.in_default_locale().select_related("parent"))
    if service_source is not None and not service_source.serves_whole_city:
        served = {zone.pk for zone in service_source.zones.all()}
        quartieri = {
            zone.pk
            for zone in zones
            if zone.parent_id is not None and (zone.pk in served or zone.parent_id in served)
        }
        parents = {zone.parent_id for zone in zones if zone.pk in quartieri}
        zones = [zone for zone in zones if zone.pk in quartieri or zone.pk in served | parents]
    names = {zone.pk: shown.name for zone, shown in zip(zones, localized(zones), strict=True)}
    municipi = sorted(
        (zone for zone in zones if zone.kind == Zone.Kind.MUNICIPIO),
        key=lambda zone: (zone.number or 0, zone.sort_order, zone.name),
    )
    choices = []
    for municipio in municipi:
        quartieri = sorted(
            (zone for zone in zones if zone.parent_id == municipio.pk),
            key=lambda zone: (zone.sort_order, names[zone.pk]),
        )
        if quartieri:
            choices.append((names[municipio.pk], [(zone.pk, names[zone.pk]) for zone in quartieri]))
        else:
            choices.append((municipio.pk, names[municipio.pk]))
    return choices


def serves_zone(service_source, zone):
    """Whether the service (its facts source page) is delivered in ``zone``.

    A service serves the whole city, or a list of zones where a Municipio covers all its
    neighbourhoods.
    """
    if service_source.serves_whole_city:
        return True
    served = {served_zone.pk for served_zone in service_source.zones.all()}
    return zone.pk in served or (zone.parent_id is not None and zone.parent_id in served)
