from __future__ import annotations

import math
from typing import Any

import pytest

from tests.helpers import quantities
from triangulate.analyze import analyze
from triangulate.analyze.quantities import find_figures
from triangulate.model import Article

INF = math.inf

# (sentence, [(text, low, high, unit, approx, kind), ...])
FIGURES: list[Any] = [
    # points
    ("Crews cleared 14 roads.", [("14", 14, 14, "", "", "count")]),
    ("The 2,000 workers went on strike.", [("2,000", 2000, 2000, "", "", "count")]),
    ("Twenty-five trucks waited at the gate.", [("Twenty-five", 25, 25, "", "", "count")]),
    ("A dozen ambulances lined the road.", [("A dozen", 12, 12, "", "", "count")]),
    ("Half a million people marched.", [("Half a million", 5e5, 5e5, "", "", "count")]),
    ("Two million people voted.", [("Two million", 2e6, 2e6, "", "", "count")]),
    ("The 12k race drew runners.", [("12k", 12_000, 12_000, "", "", "count")]),
    # ranges
    ("Organisers counted 10,000-12,000 marchers.", [("10,000-12,000", 10_000, 12_000, "", "", "count")]),
    ("It drew 12,000 to 15,000 fans.", [("12,000 to 15,000", 12_000, 15_000, "", "", "count")]),
    ("Turnout was between 80 and 100 volunteers.", [("between 80 and 100", 80, 100, "", "", "count")]),
    ("The rally drew from 3 to 5 thousand fans.", [("from 3 to 5 thousand", 3000, 5000, "", "", "count")]),
    ("Prices rose from 3 to 5 dollars.", [("from 3 to 5 dollars", 3, 5, "USD", "", "money")]),
    # a fall "from 4.8 to 4.7": two figures, the first without the "from"
    (
        "Growth slowed from 4.8 to 4.7 percent.",
        [("4.8", 4.8, 4.8, "", "", "count"), ("4.7 percent", 4.7, 4.7, "%", "", "percent")],
    ),
    # approximations and bounds
    ("About 600 homes flooded.", [("About 600", 600, 600, "", "about", "count")]),
    ("Around 250 flights were cancelled.", [("Around 250", 250, 250, "", "around", "count")]),
    ("Roughly 70 schools shut.", [("Roughly 70", 70, 70, "", "roughly", "count")]),
    ("Approximately 90 buses ran.", [("Approximately 90", 90, 90, "", "approximately", "count")]),
    ("Some 45 villages lost power.", [("Some 45", 45, 45, "", "some", "count")]),
    ("Almost 3,000 troops left.", [("Almost 3,000", 3000, 3000, "", "almost", "count")]),
    ("Just under 50 staff quit.", [("Just under 50", 50, 50, "", "just under", "count")]),
    ("More than 1,000 tents arrived.", [("More than 1,000", 1000, INF, "", "more than", "count")]),
    ("At least 30 people were killed.", [("At least 30", 30, INF, "", "at least", "count")]),
    ("Over 2,000 homes were hit.", [("Over 2,000", 2000, INF, "", "over", "count")]),
    ("In excess of 200 cars were towed.", [("In excess of 200", 200, INF, "", "in excess of", "count")]),
    ("More than half a million people fled.", [("More than half a million", 5e5, INF, "", "more than", "count")]),
    ("Up to 40 boats sank.", [("Up to 40", 0, 40, "", "up to", "count")]),
    ("As many as 800 seats were empty.", [("As many as 800", 0, 800, "", "as many as", "count")]),
    ("Fewer than 20 bakers remain.", [("Fewer than 20", 0, 20, "", "fewer than", "count")]),
    # vague amounts
    ("Thousands of residents fled.", [("Thousands", 1e3, 1e4, "", "thousands", "count")]),
    ("Tens of thousands of fans cheered.", [("Tens of thousands", 1e4, 1e5, "", "tens of thousands", "count")]),
    (
        "Hundreds of thousands of leaflets were printed.",
        [("Hundreds of thousands", 1e5, 1e6, "", "hundreds of thousands", "count")],
    ),
    ("Dozens of cats were rescued.", [("Dozens", 24, 144, "", "dozens", "count")]),
    ("Scores of birds died.", [("Scores", 40, 100, "", "scores", "count")]),
    # money
    ("The deal is worth $1.2bn.", [("$1.2bn", 1.2e9, 1.2e9, "USD", "", "money")]),
    ("A grant of €900m was approved.", [("€900m", 9e8, 9e8, "EUR", "", "money")]),
    ("Repairs cost £3.5 million.", [("£3.5 million", 3.5e6, 3.5e6, "GBP", "", "money")]),
    ("The fund holds 1.2 billion dollars.", [("1.2 billion dollars", 1.2e9, 1.2e9, "USD", "", "money")]),
    ("It cost $1,200 million.", [("$1,200 million", 1.2e9, 1.2e9, "USD", "", "money")]),
    ("The firm earned US$5m.", [("US$5m", 5e6, 5e6, "USD", "", "money")]),
    ("The firm paid EUR 40m.", [("EUR 40m", 4e7, 4e7, "EUR", "", "money")]),
    ("The firm paid ¥300 million.", [("¥300 million", 3e8, 3e8, "JPY", "", "money")]),
    ("Tickets sold for 40 euros each.", [("40 euros", 40, 40, "EUR", "", "money")]),
    ("She paid $40-50 for it.", [("$40-50", 40, 50, "USD", "", "money")]),
    ("It cost between $2m and $3m.", [("between $2m and $3m", 2e6, 3e6, "USD", "", "money")]),
    ("It cost $2-3 million.", [("$2-3 million", 2e6, 3e6, "USD", "", "money")]),
    # percentages
    ("Turnout hit 37%.", [("37%", 37, 37, "%", "", "percent")]),
    ("Support fell to 37 percent.", [("37 percent", 37, 37, "%", "", "percent")]),
    ("Inflation was 12 per cent.", [("12 per cent", 12, 12, "%", "", "percent")]),
    ("Rates rose 2 percentage points.", [("2 percentage points", 2, 2, "pp", "", "percent")]),
    ("Support was 5 to 10 percent.", [("5 to 10 percent", 5, 10, "%", "", "percent")]),
    ("Support was 5-10%.", [("5-10%", 5, 10, "%", "", "percent")]),
    # units, converted to a canonical unit
    ("The blaze scorched 12,400 hectares.", [("12,400 hectares", 12_400, 12_400, "ha", "", "measure")]),
    ("The blaze scorched 5,000 acres.", [("5,000 acres", 2023.43, 2023.43, "ha", "", "measure")]),
    ("Over 5,000 acres burned.", [("Over 5,000 acres", 2023.43, INF, "ha", "over", "measure")]),
    ("The park spans 300 square kilometres.", [("300 square kilometres", 30_000, 30_000, "ha", "", "measure")]),
    ("Nearly 12,500 hectares burned.", [("Nearly 12,500 hectares", 12_500, 12_500, "ha", "nearly", "measure")]),
    ("The convoy drove 30 km.", [("30 km", 30_000, 30_000, "m", "", "measure")]),
    ("The march covered 12 miles.", [("12 miles", 19_312.128, 19_312.128, "m", "", "measure")]),
    ("The barge carried 1,234.5 tonnes.", [("1,234.5 tonnes", 1_234_500, 1_234_500, "kg", "", "measure")]),
    # durations, in days
    ("Talks lasted three weeks.", [("three weeks", 21, 21, "day", "", "duration")]),
    ("Talks lasted about a month.", [("about a month", 30, 30, "day", "about", "duration")]),
    ("Talks lasted a week.", []),  # "a week" is only a figure when qualified, as NewsQuant labels it
    ("Talks lasted about a week.", [("about a week", 7, 7, "day", "about", "duration")]),
    ("The trial lasted 10 days.", [("10 days", 10, 10, "day", "", "duration")]),
    ("A 10-day truce began.", [("10-day", 10, 10, "day", "", "duration")]),
    ("They waited 6 hours.", [("6 hours", 0.25, 0.25, "day", "", "duration")]),
    # ages
    ("A 34-year-old man was held.", [("34-year-old", 34, 34, "year", "", "age")]),
    # several figures
    ("Rescuers found 40 survivors and 12 bodies.", [("40", 40, 40, "", "", "count"), ("12", 12, 12, "", "", "count")]),
    # years, clock times, pronouns, version numbers: no figure
    ("The bridge opened in 2024.", []),
    ("Since 1999 the town has grown.", []),
    ("The 1990-91 season ended early.", []),
    ("In 2024 there were 5 floods.", [("5", 5, 5, "", "", "count")]),
    ("By 2030, 40 plants will close.", [("40", 40, 40, "", "", "count")]),
    ("The train left at 7 pm.", []),
    ("One of the pilots spoke.", [("One", 1, 1, "", "", "count")]),  # attach_nouns keeps it only with a noun
    ("Version v2.1 shipped.", []),
    ("COVID19 spread quickly.", []),
    ("Nothing was counted here.", []),
    pytest.param("The vote is at 10:30 tonight.", [], id="clock-time-10:30"),
    pytest.param(
        "The firm paid 300 million yen.",
        [("300 million yen", 3e8, 3e8, "JPY", "", "money")],
        id="yen-after-figure",
    ),
    # ISO codes before the figure, "mil", and the ASCII folding of "£" and "¥" in transliterated feeds
    ("The board approved AUD2.5m in grants.", [("AUD2.5m", 2.5e6, 2.5e6, "AUD", "", "money")]),
    ("Lenders froze INR 40 billion.", [("INR 40 billion", 4e10, 4e10, "INR", "", "money")]),
    ("Investors lost RM4.2mil in the scheme.", [("RM4.2mil", 4.2e6, 4.2e6, "MYR", "", "money")]),
    ("The club paid PS3.5m for the striker.", [("PS3.5m", 3.5e6, 3.5e6, "GBP", "", "money")]),
    ("The fine was PS12,500 in total.", [("PS12,500", 12_500, 12_500, "GBP", "", "money")]),
    ("Profit reached Y=75 billion.", [("Y=75 billion", 7.5e10, 7.5e10, "JPY", "", "money")]),
    ("Fans queued for the PS5 console.", []),  # a product name, not pounds
    # a change in percent, then a level in another unit: two figures
    (
        "The shares rose 3.2 percent to 41.50 yuan.",
        [
            ("3.2 percent", 3.2, 3.2, "%", "", "percent"),
            ("41.50 yuan", 41.5, 41.5, "CNY", "", "money"),
        ],
    ),
    ("Costs rose from 2% to 4% a month.", [("from 2% to 4% a month", 2, 4, "%/month", "", "percent")]),
    # "sub-" and square metres
    ("Demand for sub-200 sq m flats grew.", [("200 sq m", 200, 200, "m2", "", "measure")]),
    ("The 1850 sqm warehouse was sold.", [("1850 sqm", 1850, 1850, "m2", "", "measure")]),
    # rates: "a month", "per share", "barrels a day"
    ("Rent is $1,200 a month.", [("$1,200 a month", 1200, 1200, "USD/month", "", "money")]),
    ("The bid values the firm at 310p per share.", [("310p per share", 310, 310, "GBX/share", "", "money")]),
    ("The offer is $4.10 per share.", [("$4.10 per share", 4.1, 4.1, "USD/share", "", "money")]),
    ("The field pumps 90,000 barrels a day.", [("90,000 barrels a day", 9e4, 9e4, "bbl/day", "", "measure")]),
    ("Diesel sold at €1.60 a litre.", [("€1.60 a litre", 1.6, 1.6, "EUR/litre", "", "money")]),
    ("Clinics saw 35 per week.", [("35 per week", 35, 35, "/week", "", "count")]),
    ("The firm earned $40m a year earlier.", [("$40m", 4e7, 4e7, "USD", "", "money")]),
    ("He sent 40 personnel home.", [("40", 40, 40, "", "", "count")]),
    ("Prices were cut 5 per the agreement.", [("5", 5, 5, "", "", "count")]),
    # a rate after a conversion in parentheses is the rate of both figures
    (
        "The trade is worth 9 billion rand ($500 million) a year.",
        [("9 billion rand", 9e9, 9e9, "ZAR/year", "", "money"), ("$500 million", 5e8, 5e8, "USD/year", "", "money")],
    ),
    ("Members pay AU $120 per year.", [("AU $120 per year", 120, 120, "AUD/year", "", "money")]),
    ("A $5 fee applies.", [("$5", 5, 5, "USD", "", "money")]),  # the article "A" is no currency
    # hundredths of a currency: share prices in pence, cents
    ("The shares closed at 212p.", [("212p", 212, 212, "GBX", "", "money")]),
    ("The stock fell 14 p to 388 p.", [("14 p", 14, 14, "GBX", "", "money"), ("388 p", 388, 388, "GBX", "", "money")]),
    ("The loss was 8 cents per share.", [("8 cents per share", 8, 8, "USc/share", "", "money")]),
    ("The flight left at 3 p.m. sharp.", []),
    # more units of measure
    ("Melting ice lost 150 gigatonnes of mass.", [("150 gigatonnes", 1.5e14, 1.5e14, "kg", "", "measure")]),
    ("The film is 2.5 μm thick.", [("2.5 μm", 2.5e-6, 2.5e-6, "m", "", "measure")]),
    ("The motor delivers 400 lb-ft of torque.", [("400 lb-ft", 542.3272, 542.3272, "N·m", "", "measure")]),
    ("The alloy withstands 70 ksi.", [("70 ksi", 482_633.2, 482_633.2, "kPa", "", "measure")]),
    ("Water boils at 212degF.", [("212degF", 212, 212, "°F", "", "measure")]),
    ("The sheet is 0.05 millimeter thick.", [("0.05 millimeter", 5e-5, 5e-5, "m", "", "measure")]),
    # currency codes and signs after the figure
    ("The fare is 9,800 JPY in total.", [("9,800 JPY", 9800, 9800, "JPY", "", "money")]),
    ("She sold the bike for 450€ last week.", [("450€", 450, 450, "EUR", "", "money")]),
    # fractions are shares, in percent
    ("A third of the voters stayed home.", [("A third", 100 / 3, 100 / 3, "%", "", "percent")]),
    ("Nearly two-thirds of the wells ran dry.", [("Nearly two-thirds", 200 / 3, 200 / 3, "%", "nearly", "percent")]),
    ("Half the shops were shut.", [("Half", 50, 50, "%", "", "percent")]),
    ("One in five drivers was speeding.", [("One in five", 20, 20, "%", "", "percent")]),
    ("One out of four ferries was late.", [("One out of four", 25, 25, "%", "", "percent")]),
    ("They scored in the second half of the match.", []),
    ("Parades marked the Fourth of July.", []),
    ("He struggled in the final third of the course.", []),
    # time zones after a four-digit clock time
    ("The order took effect at 0500 GMT on Monday.", []),
]


@pytest.mark.parametrize("text,expected", FIGURES)
def test_quantities_find_figures(text: str, expected: list[tuple[Any, ...]]) -> None:
    found = find_figures(text)
    got = [(q.text, q.low, q.high, q.unit, q.approx, q.kind) for q in found]
    assert len(got) == len(expected), got
    for (g_text, g_low, g_high, *g_rest), (e_text, e_low, e_high, *e_rest) in zip(got, expected, strict=True):
        assert g_text == e_text
        assert g_low == pytest.approx(e_low)
        assert g_high == pytest.approx(e_high) if not math.isinf(e_high) else math.isinf(g_high)
        assert g_rest == e_rest
    for q in found:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text,exclude,expected",
    [
        ("Flights resumed on 12 May after 300 were cancelled.", [], ["12", "300"]),
        ("Flights resumed on 12 May after 300 were cancelled.", [(19, 25)], ["300"]),
        ("Rescuers found 40 survivors and 12 bodies.", [(15, 17)], ["12"]),
        ("Rescuers found 40 survivors and 12 bodies.", [(16, 17)], ["12"]),  # partial overlap
        ("Rescuers found 40 survivors and 12 bodies.", [(0, 42)], []),
        ("Rescuers found 40 survivors and 12 bodies.", [(0, 15)], ["40", "12"]),  # touching only
        ("Thousands of residents fled.", [(0, 9)], []),
        ("Talks lasted about a month.", [(13, 26)], []),
        ("It cost between $2m and $3m.", [(8, 27)], []),
    ],
)
def test_quantities_find_figures_respects_exclude(
    text: str, exclude: list[tuple[int, int]], expected: list[str]
) -> None:
    assert [q.text for q in find_figures(text, exclude=exclude)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "5 km",
        "40 \u212am",  # Kelvin sign folds to "k"
        "The trail is 5 mile\u017f long.",
        "It cost 5 dollar\u017f.",
        "It took 5 day\u017f.",
    ],
)
def test_quantities_find_figures_never_raises_on_case_folding(text: str) -> None:
    assert len(find_figures(text)) == 1


# ---------------------------------------------------------------------------------------------
# What a figure counts: attach_nouns, through analyze()


@pytest.mark.parametrize(
    "sentence,figure,noun,concept,verb",
    [
        ("Rescuers pulled 14 people from the rubble.", "14", "people", "people", "pull"),
        ("At least 30 people were killed.", "At least 30", "people", "dead", "kill"),
        ("The storm injured 120 residents.", "120", "residents", "injured", "injure"),
        ("Officials evacuated 3,000 residents.", "3,000", "residents", "displaced", "evacuate"),
        ("The company will cut 1,200 jobs.", "1,200", "jobs", "jobs", "cut"),
        ("The flood destroyed 340 homes.", "340", "homes", "destroyed", "destroy"),
        ("Police arrested 25 protesters.", "25", "protesters", "arrested", "arrest"),
        ("A total of 40 people were rescued.", "40", "people", "rescued", "rescue"),
        ("The city hired 200 nurses.", "200", "nurses", "responders", "hire"),
        ("Smoke left 15 firefighters injured.", "15", "firefighters", "injured", "leave"),
        ("Thousands of residents fled the valley.", "Thousands", "residents", "displaced", "flee"),
        ("The death toll rose to 52.", "52", "toll", "dead", "rise"),
        ("The blaze scorched 12,400 hectares of forest.", "12,400 hectares", "forest", "area", "scorch"),
        ("The firm lost $40m last year.", "$40m", None, "money", "lose"),
        ("Growers lost 5,000 acres of orchards.", "5,000 acres", "orchards", "area", "lose"),
    ],
)
def test_quantities_attach_nouns(
    sentence: str, figure: str, noun: str | None, concept: str, verb: str, nlp: Any
) -> None:
    found = {q.text: q for q in quantities(sentence, nlp)}
    assert figure in found, list(found)
    q = found[figure]
    assert (q.concept, q.verb) == (concept, verb)
    if noun is not None:
        assert q.noun == noun


@pytest.mark.parametrize(
    "sentence,figure,change",
    [
        ("Turnout rose by 5% this year.", "5%", "up"),
        ("The death toll rose to 52.", "52", ""),
        ("The storm injured 120 residents.", "120", ""),
        # a change stated by the verb right before the figure, whatever the parse
        ("The Hang Seng index rose 1.25 per cent to end at 18,200.", "1.25 per cent", "up"),
        ("Copper slipped 0.8% on Tuesday.", "0.8%", "down"),
        ("Exports decrease by 2 percent while imports grow.", "2 percent", "down"),
        ("The Hang Seng index rose 1.25 per cent to end at 18,200.", "18,200", ""),
        # a signed percentage is a move
        ("Markets at noon: Paris +0.4%, Madrid -1.1%.", "+0.4%", "up"),
        ("Markets at noon: Paris +0.4%, Madrid -1.1%.", "-1.1%", "down"),
    ],
)
def test_quantities_attach_nouns_change(sentence: str, figure: str, change: str, nlp: Any) -> None:
    found = {q.text: q for q in quantities(sentence, nlp)}
    assert found[figure].change == change


@pytest.mark.parametrize(
    "sentence,figure,noun,unit",
    [
        # a plural figure before a singular compound counts the compound: a 40-page report
        ("The agency released a 40 page report.", "40", "page", ""),
        ("The coupe has an 8 cylinder engine.", "8", "cylinder", ""),
        ("The 2,000 construction workers went on strike.", "2,000", "construction workers", ""),
        # the modifiers of the counted noun, with their own modifiers
        ("As many as 9 first-team players left.", "As many as 9", "first-team players", ""),
        # a participle says the state of what is counted, not its kind
        ("The archive holds 40 recorded songs.", "40", "songs", ""),
        # a rate after the counted noun
        ("The pulsar spins 700 times a second.", "700", "times", "/second"),
        ("Police logged 30 burglaries per week.", "30", "burglaries", "/week"),
    ],
)
def test_quantities_counted_noun_and_rate(sentence: str, figure: str, noun: str, unit: str, nlp: Any) -> None:
    found = {q.text: q for q in quantities(sentence, nlp)}
    assert (found[figure].noun, found[figure].unit) == (noun, unit)


def test_quantities_list_total(nlp: Any) -> None:
    sentence = "The army sent 300 engineers and 700 infantry soldiers."
    found = quantities(sentence, nlp)
    totals = [q for q in found if q.parts]
    assert len(totals) == 1
    total = totals[0]
    assert (total.low, total.high) == (1000.0, 1000.0)
    assert total.concept == "personnel"
    assert total.text == "300 engineers and 700 infantry soldiers"
    assert sentence[total.start : total.end] == total.text
    assert [(p.text, p.noun) for p in total.parts] == [
        ("300", "engineers"),
        ("700", "infantry soldiers"),
    ]
    assert sum(p.low for p in total.parts) == total.low
    singles = [q for q in found if not q.parts]
    assert [q.low for q in singles] == [300.0, 700.0]


@pytest.mark.parametrize(
    "sentence",
    [
        "The firm lost $40m and €10m.",  # different currencies do not add up
        "Turnout rose by 5% and 7%.",  # changes do not add up
        "Rescuers pulled 14 people from the rubble.",
    ],
)
def test_quantities_no_list_total(sentence: str, nlp: Any) -> None:
    assert not [q for q in quantities(sentence, nlp) if q.parts]


@pytest.mark.parametrize(
    "sentence",
    [
        "The two ministers met in private.",
        "Both three candidates withdrew.",
        "These four towns share a water supply.",
    ],
)
def test_quantities_definite_reference_gives_no_figure(sentence: str, nlp: Any) -> None:
    assert quantities(sentence, nlp) == []


@pytest.mark.parametrize(
    "sentence",
    ["Turn to page 12 for details.", "He was ranked number 3 in the world."],
)
def test_quantities_ordinal_context_gives_no_figure(sentence: str, nlp: Any) -> None:
    assert quantities(sentence, nlp) == []


@pytest.mark.parametrize(
    "sentence,label",
    [
        ("The FTSE 100 closed higher on Friday.", "100"),
        ("Futures on the Nikkei 225 slipped 0.3%.", "225"),
        ("the sp 500 lost ground and the nasdaq fell.", "500"),
        ("The agency sold 12 Harbour View Road for $2m.", "12"),
        ("Offers for 7 W 54th St, New York, closed.", "7"),
    ],
)
def test_quantities_index_names_and_addresses_are_labels(sentence: str, label: str, nlp: Any) -> None:
    assert label not in [q.text for q in quantities(sentence, nlp)]


def test_quantities_offsets_are_article_offsets(nlp: Any) -> None:
    text = "Heavy rain fell overnight.\nOfficials evacuated 3,000 residents."
    analysis = analyze(Article(id="t", title="", text=text), nlp)
    claims = [c for c in analysis.claims if c.kind == "quantity"]
    assert [c.text for c in claims] == ["3,000"]
    assert text[claims[0].start : claims[0].end] == "3,000"
    assert claims[0].sentence == 1


def test_quantities_hyphenated_unit_is_read() -> None:
    found = find_figures("Gusts reached a 60-mph peak.")
    assert [(q.text, q.unit, q.kind) for q in found] == [("60-mph", "km/h", "measure")]


# ---------------------------------------------------------------------------------------------
# What a figure is about (analyze.concepts): the noun it modifies, the noun it is a value of,
# what it is an amount of, what is bought or sold for it, and the subject of its clause


@pytest.mark.parametrize(
    "sentence,figure,about",
    [
        ("The county bought a 4kW diesel generator.", "4kW", "diesel generator, county"),
        ("Officials set a speed limit of 40 mph on the bridge.", "40 mph", "speed limit, Officials"),
        ("The regional airline carried 2.3 million passengers last year.", "2.3 million", "regional airline"),
        ("The harbour authority sold the old ferry for $2.5 million.", "$2.5 million", "old ferry, harbour authority"),
        ("Shoppers paid $30 for a single ticket.", "$30", "single ticket, Shoppers"),
        ("The refinery processes 90,000 barrels of crude oil.", "90,000 barrels", "crude oil, refinery"),
        ("A town that is 12 miles long sits on the river.", "12 miles", "town"),
        (
            "Annual rent for the average flat in Leeds was about £9,000.",
            "about £9,000",
            "Annual rent average flat Leeds",
        ),
        ("The council spent $3 million in repairs.", "$3 million", "repairs, council"),
        ("Their non-EU partners pledged a cut of 5%.", "5%", "cut, non-EU partners"),
        ("The agency released a 40 page report.", "40", "report, agency"),
        # a conversion in parentheses is about what the first figure is about
        ("The panels measure 40 cm (16 inches) across.", "16 inches", "panels"),
        # "worth", and a participle modifying a noun
        ("The council won a grant worth $4 million.", "$4 million", "grant, council"),
        ("The county sold apples priced at $2 per kilo.", "$2 per kilo", "apples"),
        # in a list of names and figures, the name right before
        ("Leading stocks: Acme Corp, up 12 p at 310 p.", "12 p", "Acme Corp"),
        # a fraction counts its noun; it is not what the fraction is about
        ("One in four voters stayed home.", "One in four", ""),
        ("A third of the town's residents left.", "A third", ""),
        # the noun a prepositional phrase with the figure hangs from; a date is not part of it
        ("The chain announced price cuts on 50 products.", "50", "price cuts, chain"),
        ("Exports posted a rise of 4% in March.", "4%", "rise, Exports"),
        # "one of the X" picks a member of a set: it counts X and describes nothing else
        ("The striker is one of the fastest players in the league.", "one", ""),
        # a figure after "by"/"with" on a verb is about the verb's object
        ("The council raised the parking fee by 5%.", "5%", "parking fee, council"),
        # numbers inside names stay; other figures and their units do not
        ("The Nikkei 225 index rose 1.1% on Monday.", "1.1%", "Nikkei 225 index"),
        ("The firm sold the old 2,000 tonne barge for $4m.", "$4m", "old barge, firm"),
        # a duration used as a time adverbial describes nothing
        ("The mayor resigned two years later.", "two years", ""),
        ("The mayor served two years in office.", "two years", "mayor"),
    ],
)
def test_quantities_about(sentence: str, figure: str, about: str, nlp: Any) -> None:
    found = {q.text: q for q in quantities(sentence, nlp)}
    assert found[figure].about == about
