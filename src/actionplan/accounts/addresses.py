"""The address a request came from, read through the proxies the service is told to trust and no others."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address, ip_address

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: IPv4Address | IPv6Address) -> bool:
    return any(address in proxy for proxy in settings.ACTIONPLAN_TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str | None:
    """The person's address: the connecting one, unless that is a trusted proxy that says who it forwards.

    X-Forwarded-For is read from its right-hand end, where each trusted proxy appended the address that
    connected to it; the first address that is not a trusted proxy is the person's. Anyone can write the
    header, so it counts only when the request came through a trusted proxy.
    """
    connecting = _address(request.META.get("REMOTE_ADDR", ""))
    if connecting is None or not _trusted(connecting):
        return str(connecting) if connecting else None
    forwarded = [_address(hop) for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(forwarded):
        if hop is None:
            break  # a hop that is not an address: nothing further left can be believed
        if not _trusted(hop):
            return str(hop)
    return str(connecting)
