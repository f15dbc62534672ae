"""What a figure is about (``analyze.concepts``): one original sentence per rule."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import quantities
from triangulate.analyze.concepts import text_of


@pytest.mark.parametrize(
    "sentence,figure,about",
    [
        # another figure and its unit are not part of what this one describes
        ("The museum paid a hefty sum of 3 million yen ($20,000) for the painting.", "$20,000", "hefty sum, museum"),
        # ... nor the noun another count counts ("four course"), unless hyphenated into one word
        ("The inn serves a four course dinner for about 40 euros.", "about 40 euros", "dinner, inn"),
        ("The sedan has a 2.0-litre four-cylinder engine.", "2.0-litre", "four-cylinder engine, sedan"),
        # ... nor is a figure's word the tagger took for a name ("80GB", "RM59", "S $3mil")
        ("The bundle pairs a 100Mbps plan with a 80GB data cap for RM59 a month.", "80GB", "data cap, plan, bundle"),
        ("The ring moved almost S $3mil (RM9.2mil) through shell companies.", "RM9.2mil", "ring"),
        # a subject that is itself a figure: what that figure is of
        ("Officials said 60 per cent of the loan will be repaid, up from 45 per cent.", "45 per cent", "loan"),
        ("Model X 15 inch costs $1500.", "$1500", "Model X"),
        # a number that no figure took is part of a name; a year or an age is not
        ("The Hang Seng 300 index slipped 0.8% on Friday.", "0.8%", "Hang Seng 300 index"),
        ("Shares in the FTSE 250 rose 2%.", "2%", "Shares FTSE 250"),
        ("The category 3 storm brought gusts of 120 km/h.", "120 km/h", "gusts, category 3 storm"),
        # a noun right before the figure that it numbers is the figure's label, not what it describes
        ("Forecasters expect the storm to strengthen into a category four hurricane.", "four", "storm"),
        ("Anna Berg, 52, has run 30 marathons.", "30", "Anna Berg"),
        # a unit's word in a name is part of the name
        ("Foot Locker shares slid 1.4% in early trading.", "1.4%", "Foot Locker shares"),
        ("The Pound Ridge library raised $40,000 last year.", "$40,000", "Pound Ridge library"),
        ("The dollar index rose 0.3% on Friday.", "0.3%", "dollar index"),  # a currency no figure took
        ("Savings in yen are worth roughly $12 billion, the bank said.", "roughly $12 billion", "Savings yen"),
        ("The fine of 2 million Swiss francs ($2.2 million) was paid.", "$2.2 million", "fine"),  # but a unit
        # the figure hangs from the sentence by its unit, not by an article or a stray number
        ("They bought a two million dollar yacht.", "two million dollar", "yacht"),
        ("The plant needs several hundred or even 2,000 tonnes of steel.", "2,000 tonnes", "steel, plant"),
        # a count's noun, all of it, is what it counts, not what it describes
        ("Margins showed a 30 basis point improvement last quarter.", "30", "improvement, Margins"),
        # a measure's noun keeps its modifiers, even one the tagger took for an adjective
        ("The lab bought a 12 μm filter membrane.", "12 μm", "filter membrane, lab"),
        # the subject of a clause: past an infinitive ("plans to close"), past a reported "it";
        # a clause whose own subject is a pronoun names nothing
        ("Harlow Foods announced plans to close 40 stores.", "40", "Harlow Foods"),
        ("The bakery said it had hired 12 apprentices.", "12", "bakery"),
        ("The chain reported that sales at its largest stores fell 8% in May.", "8%", "sales largest stores"),
        ("They rose 4% on the news.", "4%", ""),
        # the same amount said again after "or" is about what the first figure is about
        ("The miner lost 40% of its market value, or $2 billion, in a day.", "$2 billion", "market value, miner"),
        ("The insurer shed nearly a third of its workforce, or 900 staff, in two years.", "900", "workforce, insurer"),
        ("The club lost 25k of its members, or 40% of them.", "40%", "members, club"),  # "25k" tagged a noun
        # what a figure moved is the object before it, not the subject that moved it
        ("Insurers dragged the index 1.2 percent lower on Monday.", "1.2 percent", "index"),
        ("The news sent Acme shares 12% lower.", "12%", "Acme shares"),
        # a figure after "to"/"from" on a verb is about the verb's object, unless that is a figure
        ("The council raised its growth forecast to 3%.", "3%", "growth forecast, council"),
        ("The council raised its growth forecast from 2% to 3%.", "from 2% to 3%", "growth forecast, council"),
        ("Slate added 4 cents to $1.20, and Quarry Metals gained 9 cents to $3.05.", "$3.05", "Quarry Metals"),
        # "total" says how much, not what; a unit is not a complement; coordinated modifiers stay
        ("The total repair bill came to $4 million.", "$4 million", "repair bill"),
        ("Its essentially an $600 cast iron grill, but portable.", "$600", "cast iron grill"),  # no adverb
        ("The fund holds a total of $3 million of pledges.", "$3 million", "pledges, fund"),
        # "a high of", "a close of": which level of the thing, not what thing
        ("Gold hit a high of $2,050 an ounce on Friday.", "$2,050", "Gold"),
        ("Brent crude rose to a high of $92 a barrel.", "$92 a barrel", "Brent crude"),
        ("The regulator set a levy of 900 yen per tonne.", "900 yen per tonne", "levy, regulator"),
        ("About 40% of the issued and outstanding shares were sold.", "About 40%", "issued outstanding shares"),
        # in a list of names and figures, the name right before the figure, not the list's subject;
        # a name right before is the figure's only when the parse attaches it there
        ("The biggest risers were Acme Mills, up 14p at 320p, and Brook Foods, up 3p at 88p.", "320p", "Acme Mills"),
        ("The biggest risers were Acme Mills, up 14p at 320p, and Brook Foods, up 3p at 88p.", "3p", "Brook Foods"),
        ("Top scorers: F Lena Ortiz (21.4 ppg, 6.1 rpg), G Mia Tran (17.0 ppg).", "6.1", "F Lena Ortiz"),
        ("Top scorers: F Lena Ortiz (21.4 ppg, 6.1 rpg), G Mia Tran (17.0 ppg).", "21.4", "F Lena Ortiz"),  # no title
        ("Best relievers: LHP Sam Ito (1.2 WAR), RHP Dan Cole (0.8 WAR).", "1.2 WAR", "LHP Sam Ito"),
        ("Best relievers: LHP Sam Ito (1.2 WAR), RHP Dan Cole (0.8 WAR).", "0.8 WAR", "RHP Dan Cole"),  # not Ito's
        ("The crew circled the Moon 12 times.", "12", "crew"),
        ("In Leeds, England, about 300 cars were stolen last year.", "about 300", ""),  # a place is where
        # a company named as the heading of a market report, before a dash, with the sentence's subject
        (
            "Halvorsen Foods — Shares of the frozen-meal maker fell 4.2% after a weak forecast.",
            "4.2%",
            "Shares frozen-meal maker, Halvorsen Foods",
        ),
        ("Brightline — The rail operator rose 3% in early trading.", "3%", "rail operator, Brightline"),
        # a noun's complements: "to", "per", "across" too
        ("Imports to Norway fell 6% in June.", "6%", "Imports Norway"),
        ("The price of coffee per kilo is now $9.", "$9", "price coffee kilo"),
        ("Output across the region is forecast to grow 2.5 percent.", "2.5 percent", "Output region"),
        ("The band played a 3-hour set in the evening.", "3-hour", "set, band"),  # but not when
        ("The winery sells 40,000 cases of a year.", "40,000", "winery"),  # a rate's time is no "of" whole
        # the complement of a complement keeps its modifiers
        (
            "Officials saw a 9 percent increase in cycling among secondary school pupils.",
            "9 percent",
            "increase cycling secondary school pupils, Officials",
        ),
        # a participle that says which ones, with its own complement
        (
            "The water stored in the reservoir was 40 million cubic metres.",
            "40 million cubic metres",
            "water stored reservoir",
        ),
        # a thing's other name, after "called", "dubbed", "named", is part of it
        ("The new bridge, dubbed the Loop, is 300 metres long.", "300 metres", "new bridge Loop"),
        ("The ferry, named the Aurora, carries 600 passengers.", "600", "ferry Aurora"),
        # two nouns joined by "and" name one thing; two noun phrases with their own articles do not
        ("The oldest villagers and farmers own 60% of the land.", "60%", "land, oldest villagers farmers"),
        ("The tax on wine and the duty on beer raised $3 million.", "$3 million", "tax wine"),
        # a relative clause the parser hung from a pronoun is about the noun before its "that"
        (
            "Locals say the ferry crosses the narrow strait that is about 12 miles wide.",
            "about 12 miles",
            "narrow strait",
        ),
        # a relative clause hung from the noun after "per" is about what is counted per that noun
        ("The plan has a minimum deposit per account which is 500.", "500", "minimum deposit account"),
        # ... when the relative pronoun is the clause's subject; "that we ate" is about what we did
        ("The coach picked a squad that contained 23 players.", "23", "squad"),
        ("The best meal that we ate in 20 years was in Lyon.", "20 years", ""),
        # a "who" clause the parser took for a complement; a demonstrative "that" is no relative
        ("It was hard and they didnt Keane who won seven titles told the BBC.", "seven", "Keane"),
        ("Aside from Ruiz that is a weakened Rovers side with six changes.", "six", "weakened Rovers side"),
        # a capitalised first word before a finite verb with no subject is a name the tagger took for
        # an adverb; an imperative has no subject to find
        ("Presently runs 80 schools across the state.", "80", "Presently"),
        ("Lately has opened 40 stores.", "40", "Lately"),
        ("Quickly add 200 grams of flour.", "200 grams", "flour"),
        ("Monitoring near the landfill came back at 9 ppb.", "9 ppb", "Monitoring"),  # a gerund
        # an adjective used as a noun, and the whole of "each of"
        ("The highest bid was $400, while the lowest was $150.", "$150", "lowest"),
        ("Each of the new turbines cost about $3 million.", "about $3 million", "new turbines"),
        ("the sp 500 was up 0.4% on friday.", "0.4%", "sp 500"),  # a name the parser headed by its number
        # a figure the parser hung as punctuation after a "be" with no complement is that complement
        (
            "It was noted the mean score for pupils in Kent is around 47 prompting the review.",
            "around 47",
            "mean score pupils Kent",
        ),
        # a subject the parser hung from its verb as a compound
        ("The bond trades at 92 cents on the dollar.", "92 cents", "bond"),
        (
            "The share trades on 14 times earnings while offering a dividend yield of 5 per cent.",
            "5 per cent",
            "dividend yield, share",
        ),
        # the country of a currency written apart from its sign is part of the figure
        ("The March copper contract was up $0.12 US.", "$0.12", "March copper contract"),
        ("Court records show Lee posted $900 US bail on Monday.", "$900", "bail, Lee"),
        # a comparison, and a figure modifying a modifier, describe the noun
        ("The firm sells a drill bit as thin as 0.5 mm.", "0.5 mm", "drill bit, firm"),
        ("He poured 20 ml of 10% diluted acid.", "10%", "diluted acid"),
        # what a level holds for
        ("Tickets remain $12 for adults.", "$12", "adults, Tickets"),
        # a figure that hangs from a noun by its own "over"/"from"
        ("The firm will weigh fresh investments over 40 GWh.", "over 40 GWh", "fresh investments, firm"),
        (
            "The deal includes a schedule of penalties from $5,000 to $20,000.",
            "from $5,000 to $20,000",
            "schedule penalties, deal",
        ),
        # a figure the parse ties to nothing: the main clause's subject or the fragment's head noun,
        # unless a pronoun subject stands on its path
        ("Rainfall records: 310 mm in 24 hours.", "24 hours", "Rainfall records"),
        ("The sensor chips measure between 4.5 mm and 6 mm across.", "6 mm", "sensor chips"),
        ("It was trading at more than 180p at one point.", "more than 180p", ""),
        ("sizes at most 3 μm.", "at most 3 μm", "sizes"),  # a plural noun the tagger took for a verb
        # a verb of measure the tagger took for a noun after a plural subject is no part of the thing
        ("The glass panes measure 90 cm (35 inches) wide.", "90 cm", "glass panes"),
        ("The glass panes measure 90 cm (35 inches) wide.", "35 inches", "glass panes"),
        ("The smallest parcels weigh under 2 kg.", "under 2 kg", "smallest parcels"),  # tagged a verb
        # a name right after its noun, which the parser made an apposition, is part of it
        ("The retailer Brightmart reported sales of $4 billion.", "$4 billion", "sales, retailer Brightmart"),
        # a name written on to another after a slash is part of it
        ("Australias S&P/ASX 50 fell 2.1 percent in a week.", "2.1 percent", "Australias S&P ASX 50"),
        # a name's symbol in parentheses is part of the name
        ("Nordic carmakers (.NCAR) slid 3.1% on Tuesday.", "3.1%", "Nordic carmakers (.NCAR)"),
        # a fraction is a share of what it counts and describes nothing more
        ("Half the flats, which cost up to $900,000, have sold.", "Half", ""),
        # a word the tokenizer split at its hyphen stays whole
        ("Smith-Jones has raised 40 million of the 90 million pounds he needs.", "40 million", "Smith-Jones"),
        ("A 70 year-old might withdraw 3.4% a year.", "3.4% a year", "year-old"),
        (
            "The Civic has a standard 2.0-litre four-cylinder engine.",
            "2.0-litre",
            "standard four-cylinder engine, Civic",
        ),
    ],
)
def test_concepts_about(sentence: str, figure: str, about: str, nlp: Any) -> None:
    found = {q.text: q for q in quantities(sentence, nlp)}
    assert found[figure].about == about


def test_concepts_text_of_joins_the_doc_once(nlp: Any) -> None:
    """spaCy rebuilds ``doc.text`` from every token on each access; read per figure, that was
    quadratic in the article's length. ``text_of`` joins it once and keeps it on the Doc."""
    doc = nlp("Crews worked for nine days. They moved 40 tonnes of gravel.")
    first = text_of(doc)
    assert first == doc.text
    assert text_of(doc) is first


def test_concepts_every_duration_of_a_long_article_is_read(nlp: Any) -> None:
    # (its speed is bench/streaming.py's and bench_pipeline's business; the quadratic cause is
    # tested above, without a clock)
    text = " ".join(f"Crew {i} worked for {i % 9 + 2} days on the dam." for i in range(400))
    found = quantities(text, nlp)
    assert len([q for q in found if q.kind == "duration"]) >= 300
