"""Reliability: the SSRF guard of triangulate.fetch against the usual bypass tricks.

test_fetch.py checks the guard's behaviour (every redirect hop, pinned addresses, limits); this
file throws the catalogue of disguises at it: other schemes, numeric and short IPv4 forms,
IPv6 and IPv4 inside IPv6 (mapped, 6to4, Teredo), cloud metadata, userinfo, DNS answers that
mix public and private addresses, and random addresses of every non-public range. Nothing here
reaches the network: every URL is refused before a connection is made.
"""

from __future__ import annotations

import ipaddress
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.errors import FetchError
from triangulate.fetch import FetchConfig, fetch, is_public_address

QUICK = {"connect_timeout": 1.0, "read_timeout": 1.0, "total_timeout": 2.0}

REFUSED_URLS = [
    "file:///etc/passwd",
    "ftp://example.com/feed.xml",
    "gopher://127.0.0.1:70/",
    "dict://127.0.0.1:11211/",
    "javascript:alert(1)",
    "data:text/html,hello",
    "http://127.0.0.1/",
    "HTTP://127.0.0.1/",
    "http://127.1/",
    "http://0/",
    "http://0.0.0.0:8000/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://017700000001/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[2002:7f00:1::1]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://100.100.100.200/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.0.1/admin",
    "http://public.example@127.0.0.1/",
    "http://127.0.0.1:22/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
]

NON_PUBLIC = [
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.20.30.40",
    "172.31.255.255",
    "192.168.100.1",
    "169.254.169.254",
    "100.64.0.1",
    "198.18.0.1",
    "192.0.2.10",
    "203.0.113.5",
    "224.0.0.251",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "2002:a00:1::1",
    "2002:7f00:1::",
    "64:ff9b::7f00:1",
    "::127.0.0.1",
    "2001:db8::1",
]
PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "2606:4700::1111",
    "2a00:1450:4001::200e",
    "::ffff:8.8.8.8",
    "2002:808:808::1",
]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_ssrf_refuses_url(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(url, FetchConfig(**QUICK))
    message = str(caught.value)
    assert "refused" in message or "not a valid URL" in message, message


@pytest.mark.parametrize("address", NON_PUBLIC)
def test_ssrf_refuses_names_resolving_to_non_public_addresses(address: str) -> None:
    config = FetchConfig(resolver=lambda host, port: [address], **QUICK)
    with pytest.raises(FetchError, match=r"refused: feeds\.example resolves to a non-public address"):
        fetch("https://feeds.example/rss", config)


@pytest.mark.parametrize("address", PUBLIC)
def test_ssrf_public_addresses_pass_the_guard(address: str) -> None:
    assert is_public_address(address)


def test_ssrf_one_private_answer_among_public_ones_is_refused() -> None:
    """A DNS answer listing a public and a private address could connect to either."""
    config = FetchConfig(resolver=lambda host, port: ["93.184.216.34", "10.0.0.7"], **QUICK)
    with pytest.raises(FetchError, match=re.escape("non-public address (10.0.0.7)")):
        fetch("http://mixed.example/", config)


NON_PUBLIC_NETWORKS = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
        "ff00::/8",
    )
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NON_PUBLIC_NETWORKS), st.integers(min_value=0))
def test_ssrf_every_address_of_a_non_public_range_is_refused(network: ipaddress._BaseNetwork, offset: int) -> None:
    address = network[offset % network.num_addresses]
    assert not is_public_address(str(address))
    if address.version == 4:  # and disguised inside IPv6, mapped or 6to4
        assert not is_public_address(f"::ffff:{address}")
        assert not is_public_address(str(ipaddress.IPv6Address((0x2002 << 112) | (int(address) << 80))))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)))
def test_ssrf_guard_judges_any_address_without_raising(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    verdict = is_public_address(str(address))
    assert isinstance(verdict, bool)
    if verdict:
        assert address.is_global


def test_ssrf_allow_private_is_explicit() -> None:
    assert FetchConfig().allow_private is False
