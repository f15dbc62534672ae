from __future__ import annotations

from datetime import date

import pytest

from triangulate.analyze.times import find_times, resolve

THU = date(2026, 8, 13)  # a Thursday
MON = date(2026, 1, 5)  # a Monday, early in the year
FRI = date(2024, 3, 15)  # a Friday in a leap year


def test_times_reference_weekdays() -> None:
    assert (THU.strftime("%A"), MON.strftime("%A"), FRI.strftime("%A")) == ("Thursday", "Monday", "Friday")


def xfail(reason: str, raises: type[BaseException] | None = None) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=True, raises=raises)


# (sentence, reference date, matched text, low, high)
TIMES = [
    # absolute
    ("It happened on 10 August 2026.", THU, "10 August 2026", "2026-08-10", "2026-08-10"),
    ("It happened on August 10, 2026.", THU, "August 10, 2026", "2026-08-10", "2026-08-10"),
    ("It happened on 2026-08-10.", THU, "2026-08-10", "2026-08-10", "2026-08-10"),
    ("Sept. 9, 2025 was a busy day.", THU, "Sept. 9, 2025", "2025-09-09", "2025-09-09"),
    ("It happened on the 4th of July.", THU, "4th of July", "2026-07-04", "2026-07-04"),
    ("It happened on 10 August.", THU, "10 August", "2026-08-10", "2026-08-10"),
    ("It happened on August 3.", THU, "August 3", "2026-08-03", "2026-08-03"),
    ("It was signed on 3 January.", MON, "3 January", "2026-01-03", "2026-01-03"),
    ("It happened on 29 February.", FRI, "29 February", "2024-02-29", "2024-02-29"),
    ("It happened on Feb. 3.", FRI, "Feb. 3", "2024-02-03", "2024-02-03"),
    ("It happened in March 2024.", THU, "March 2024", "2024-03-01", "2024-03-31"),
    ("It happened in 2019.", THU, "2019", "2019-01-01", "2019-12-31"),
    ("It happened in the 1990s.", THU, "the 1990s", "1990-01-01", "1999-12-31"),
    ("The deal dates to the 1980s.", THU, "the 1980s", "1980-01-01", "1989-12-31"),
    ("The deal dates to late 2019.", THU, "late 2019", "2019-09-02", "2019-12-31"),
    ("The deal dates to mid-2019.", THU, "mid-2019", "2019-05-02", "2019-09-01"),
    ("It happened in the first half of 2024.", THU, "first half of 2024", "2024-01-01", "2024-06-30"),
    ("It happened in the second half of 2024.", THU, "second half of 2024", "2024-07-01", "2024-12-31"),
    ("It happened in the third quarter of 2025.", THU, "third quarter of 2025", "2025-07-01", "2025-09-30"),
    ("It happened in the fourth quarter of 2023.", FRI, "fourth quarter of 2023", "2023-10-01", "2023-12-31"),
    ("It happened in the first quarter.", FRI, "first quarter", "2024-01-01", "2024-03-31"),
    ("It happened in the spring of 2021.", THU, "in the spring of 2021", "2021-03-01", "2021-05-31"),
    ("It happened in the autumn of 2023.", THU, "in the autumn of 2023", "2023-09-01", "2023-11-30"),
    ("It happened in Q3 2025.", THU, "Q3 2025", "2025-07-01", "2025-09-30"),
    ("Sales fell in Q1 2024.", THU, "Q1 2024", "2024-01-01", "2024-03-31"),
    # seasons (northern, meteorological)
    ("It happened last autumn.", THU, "last autumn", "2025-09-01", "2025-11-30"),
    ("It happened this summer.", THU, "this summer", "2026-06-01", "2026-08-31"),
    ("It will happen next spring.", THU, "next spring", "2027-03-01", "2027-05-31"),
    ("It happened last winter.", THU, "last winter", "2025-12-01", "2026-02-28"),
    ("This winter is mild.", MON, "This winter", "2025-12-01", "2026-02-28"),
    ("Last winter was mild.", MON, "Last winter", "2024-12-01", "2025-02-28"),
    ("Last winter was mild.", FRI, "Last winter", "2023-12-01", "2024-02-29"),
    ("It opens next spring.", MON, "next spring", "2026-03-01", "2026-05-31"),
    ("It happened last fall.", MON, "last fall", "2025-09-01", "2025-11-30"),
    # months and years relative to the reference
    ("It happened in October of last year.", THU, "October of last year", "2025-10-01", "2025-10-31"),
    ("It happened last October.", THU, "last October", "2025-10-01", "2025-10-31"),
    ("It opens next March.", THU, "next March", "2027-03-01", "2027-03-31"),
    ("It happened in December.", MON, "December", "2025-12-01", "2025-12-31"),
    ("It happens in December.", THU, "December", "2026-12-01", "2026-12-31"),
    ("It happened earlier this year.", THU, "earlier this year", "2026-01-01", "2026-08-13"),
    ("It happened earlier this year.", FRI, "earlier this year", "2024-01-01", "2024-03-15"),
    ("It will happen later this year.", THU, "later this year", "2026-08-13", "2026-12-31"),
    ("It happened late last year.", THU, "late last year", "2025-09-02", "2025-12-31"),
    ("It happened early last year.", THU, "early last year", "2025-01-01", "2025-05-01"),
    ("It happened last year.", THU, "last year", "2025-01-01", "2025-12-31"),
    ("It happened last year.", MON, "last year", "2025-01-01", "2025-12-31"),
    ("It will happen next year.", THU, "next year", "2027-01-01", "2027-12-31"),
    ("It happened last month.", THU, "last month", "2026-07-01", "2026-07-31"),
    ("It happened last month.", MON, "last month", "2025-12-01", "2025-12-31"),
    ("It happened last month.", FRI, "last month", "2024-02-01", "2024-02-29"),
    ("Aid arrives next month.", date(2025, 12, 20), "next month", "2026-01-01", "2026-01-31"),
    ("It will happen next month.", THU, "next month", "2026-09-01", "2026-09-30"),
    ("It happened this month.", FRI, "this month", "2024-03-01", "2024-03-31"),
    ("It happened earlier this month.", THU, "earlier this month", "2026-08-01", "2026-08-13"),
    ("It happened earlier this month.", MON, "earlier this month", "2026-01-01", "2026-01-05"),
    ("It will end by the end of the month.", THU, "by the end of the month", "2026-08-13", "2026-08-31"),
    ("It happened in early August.", THU, "early August", "2026-08-01", "2026-08-10"),
    ("It happened in mid-September.", THU, "mid-September", "2025-09-11", "2025-09-20"),  # past tense
    ("It will happen in mid-September.", THU, "mid-September", "2026-09-11", "2026-09-20"),
    ("It happened in late July.", THU, "late July", "2026-07-22", "2026-07-31"),
    ("It happened in mid-March.", FRI, "mid-March", "2024-03-11", "2024-03-21"),
    ("It happened in late February.", FRI, "late February", "2024-02-21", "2024-02-29"),
    ("It will start as soon as July or August.", THU, "July or August", "2026-07-01", "2026-08-31"),
    ("It ran between July and September.", THU, "July and September", "2026-07-01", "2026-09-30"),
    ("It ran from July to September.", THU, "July to September", "2026-07-01", "2026-09-30"),
    # weeks and days
    ("It happened last week.", THU, "last week", "2026-08-03", "2026-08-09"),
    ("It happened last week.", MON, "last week", "2025-12-29", "2026-01-04"),
    ("It will happen next week.", THU, "next week", "2026-08-17", "2026-08-23"),
    ("It happens next week.", FRI, "next week", "2024-03-18", "2024-03-24"),
    ("It happened earlier this week.", THU, "earlier this week", "2026-08-10", "2026-08-13"),
    ("It happened yesterday.", THU, "yesterday", "2026-08-12", "2026-08-12"),
    ("It happened yesterday.", MON, "yesterday", "2026-01-04", "2026-01-04"),
    ("It happened yesterday.", date(2024, 3, 1), "yesterday", "2024-02-29", "2024-02-29"),
    ("It happens today.", THU, "today", "2026-08-13", "2026-08-13"),
    ("It happened tonight.", THU, "tonight", "2026-08-13", "2026-08-13"),
    ("It happens tomorrow.", THU, "tomorrow", "2026-08-14", "2026-08-14"),
    ("It happens tomorrow.", date(2025, 12, 31), "tomorrow", "2026-01-01", "2026-01-01"),
    # weekdays: the latest on or before the reference, unless the sentence looks ahead
    ("It happened on Thursday.", THU, "Thursday", "2026-08-13", "2026-08-13"),
    ("It happened on Monday.", THU, "Monday", "2026-08-10", "2026-08-10"),
    ("It happened on Friday.", THU, "Friday", "2026-08-07", "2026-08-07"),
    ("It happened on Friday.", MON, "Friday", "2026-01-02", "2026-01-02"),
    ("We met on Monday.", MON, "Monday", "2026-01-05", "2026-01-05"),
    ("It happened on Sunday.", date(2026, 8, 16), "Sunday", "2026-08-16", "2026-08-16"),
    ("They will meet on Friday.", THU, "Friday", "2026-08-14", "2026-08-14"),
    ("The vote is scheduled for Monday.", THU, "Monday", "2026-08-17", "2026-08-17"),
    ("They will meet next Thursday.", THU, "next Thursday", "2026-08-20", "2026-08-20"),
    ("They met last Thursday.", THU, "last Thursday", "2026-08-06", "2026-08-06"),
    ("It happened last Sunday.", date(2026, 8, 16), "last Sunday", "2026-08-09", "2026-08-09"),
    ("It happened this Monday.", FRI, "this Monday", "2024-03-11", "2024-03-11"),
    pytest.param(
        "The fair opens this Saturday.",
        FRI,
        "this Saturday",
        "2024-03-16",
        "2024-03-16",
        id="this-Saturday-on-friday",
    ),
    # counted back from the reference
    ("It happened two weeks ago.", THU, "two weeks ago", "2026-07-30", "2026-07-30"),
    ("It happened three days ago.", THU, "three days ago", "2026-08-10", "2026-08-10"),
    ("It happened a year ago.", THU, "a year ago", "2025-08-13", "2025-08-13"),
    ("It happened a few days ago.", THU, "a few days ago", "2026-08-10", "2026-08-10"),
    ("It happened a couple of days ago.", MON, "a couple of days ago", "2026-01-03", "2026-01-03"),
    ("It happened several weeks ago.", MON, "several weeks ago", "2025-12-15", "2025-12-15"),
    ("It happened 10 days ago.", MON, "10 days ago", "2025-12-26", "2025-12-26"),
    ("Rain has fallen since Sunday.", THU, "since Sunday", "2026-08-09", "2026-08-13"),
    ("Rain has fallen since March.", THU, "since March", "2026-03-01", "2026-08-13"),
    ("Rain has fallen since 2020.", THU, "since 2020", "2020-01-01", "2026-08-13"),
    ("It rained since last week.", MON, "since last week", "2025-12-29", "2026-01-05"),
    ("It happened since last year.", FRI, "since last year", "2023-01-01", "2024-03-15"),
    ("It rained in the past three days.", THU, "in the past three days", "2026-08-10", "2026-08-13"),
    ("It rained over the past week.", THU, "over the past week", "2026-08-06", "2026-08-13"),
    ("It happened in the past two weeks.", MON, "in the past two weeks", "2025-12-22", "2026-01-05"),
    ("It happened in the past year.", FRI, "in the past year", "2023-03-15", "2024-03-15"),
    # weekends
    ("It happened over the weekend.", THU, "over the weekend", "2026-08-08", "2026-08-09"),
    ("It happened over the weekend.", MON, "over the weekend", "2026-01-03", "2026-01-04"),
    ("It happened over the weekend.", FRI, "over the weekend", "2024-03-09", "2024-03-10"),
    ("They meet next weekend.", THU, "next weekend", "2026-08-15", "2026-08-16"),
    ("The fair opened last weekend.", FRI, "last weekend", "2024-03-09", "2024-03-10"),
    ("The fair opens this weekend.", FRI, "this weekend", "2024-03-16", "2024-03-17"),
]


@pytest.mark.parametrize("sentence,ref,text,low,high", TIMES)
def test_times_find_times(sentence: str, ref: date, text: str, low: str, high: str) -> None:
    found = find_times(sentence, ref)
    assert [(t.text, t.low.isoformat() if t.low else None, t.high.isoformat() if t.high else None) for t in found] == [
        (text, low, high)
    ]
    t = found[0]
    assert sentence[t.start : t.end] == t.text
    assert t.anchored


@pytest.mark.parametrize(
    "sentence,kind,granularity",
    [
        ("It happened on 10 August 2026.", "absolute", "day"),
        ("It happened in 2019.", "absolute", "year"),
        ("It happened in the 1990s.", "absolute", "year"),
        ("It happened in the first half of 2024.", "absolute", "month"),
        ("It happened in March 2024.", "relative", "month"),
        ("It happened last autumn.", "relative", "season"),
        ("It happened last year.", "relative", "year"),
        ("It happened last month.", "relative", "month"),
        ("It happened last week.", "relative", "week"),
        ("It happened earlier this year.", "relative", "day"),
        ("It happened on Thursday.", "weekday", "day"),
        ("It happened two weeks ago.", "relative", "day"),
    ],
)
def test_times_kind_and_granularity(sentence: str, kind: str, granularity: str) -> None:
    (t,) = find_times(sentence, THU)
    assert (t.kind, t.granularity) == (kind, granularity)


@pytest.mark.parametrize(
    "sentence",
    [
        "It may rain.",
        "Prices might rise.",
        "Prices may fall sharply.",  # the verb, not autumn
        "Water from a hot spring.",  # the noun, not the season
        "Sales rose 2024 percent.",
        "The committee met to decide.",
        "Nothing happened.",
        "",
    ],
)
def test_times_no_time(sentence: str) -> None:
    assert find_times(sentence, THU) == []


@pytest.mark.parametrize(
    "sentence,texts",
    [
        ("It happened in September 2025 and in May 2026.", ["September 2025", "May 2026"]),
        ("Sept. 9, 2025 was a Tuesday.", ["Sept. 9, 2025", "Tuesday"]),
        ("Talks began last week and end next month.", ["last week", "next month"]),
    ],
)
def test_times_several_in_one_sentence(sentence: str, texts: list[str]) -> None:
    found = find_times(sentence, THU)
    assert [t.text for t in found] == texts
    assert all(sentence[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize(
    "sentence,text,kind",
    [
        ("It happened last autumn.", "last autumn", "relative"),
        ("It happened on Thursday.", "Thursday", "weekday"),
        ("It happened yesterday.", "yesterday", "relative"),
        ("It happened two weeks ago.", "two weeks ago", "relative"),
        ("It happened in March.", "March", "relative"),
        ("It happened last month.", "last month", "relative"),
        ("It happened earlier this year.", "earlier this year", "relative"),
        ("It happened since Sunday.", "since Sunday", "relative"),
        ("It happened over the weekend.", "over the weekend", "relative"),
        ("It happened on 10 August.", "10 August", "relative"),
    ],
)
def test_times_without_reference_kept_unresolved(sentence: str, text: str, kind: str) -> None:
    found = find_times(sentence, None)
    assert [(t.text, t.kind, t.low, t.high, t.anchored) for t in found] == [(text, kind, None, None, False)]


@pytest.mark.parametrize(
    "sentence,text,low,high",
    [
        ("It happened in 2019.", "2019", "2019-01-01", "2019-12-31"),
        ("It happened on 10 August 2026.", "10 August 2026", "2026-08-10", "2026-08-10"),
        ("It happened in the first half of 2024.", "first half of 2024", "2024-01-01", "2024-06-30"),
        ("It happened in the 1990s.", "the 1990s", "1990-01-01", "1999-12-31"),
    ],
)
def test_times_without_reference_absolute_resolved(sentence: str, text: str, low: str, high: str) -> None:
    (t,) = find_times(sentence, None)
    assert (t.text, t.low.isoformat() if t.low else None, t.high.isoformat() if t.high else None, t.anchored) == (
        text,
        low,
        high,
        True,
    )


@pytest.mark.parametrize(
    "expression,ref,low,high",
    [
        ("last autumn", THU, "2025-09-01", "2025-11-30"),
        ("yesterday", MON, "2026-01-04", "2026-01-04"),
        ("Thursday", THU, "2026-08-13", "2026-08-13"),
        ("March", THU, "2026-03-01", "2026-03-31"),
        ("10 August", THU, "2026-08-10", "2026-08-10"),
    ],
)
def test_times_resolve(expression: str, ref: date, low: str, high: str) -> None:
    t = resolve(expression, ref)
    assert t is not None
    assert (t.low.isoformat() if t.low else None, t.high.isoformat() if t.high else None) == (low, high)


def test_times_resolve_nothing() -> None:
    assert resolve("no time here", THU) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "It happened last \u017fpring.",
        "It happened three day\u017f ago.",
        "It happened in the fir\u017ft half of 2024.",
    ],
)
def test_times_never_raise_on_case_folding(sentence: str) -> None:
    # "ſ" (long s) case-folds to "s"; it must not reach a lookup keyed by plain ASCII words.
    assert isinstance(find_times(sentence, THU), list)
