"""Small, general English lexicons: what a counted noun is a kind of, and words that frame a figure.

These are open-class vocabularies for news in general (conflict, disasters, economy, politics,
health, sport), grouped into concept classes so that "soldiers", "troops" and "personnel", or
"dead", "killed" and "fatalities", are aligned as the same kind of figure. Extend them freely; no
entry exists for the sake of one story.
"""

from __future__ import annotations

# Word tables read better packed than one entry a line.
# fmt: off

CONCEPTS: dict[str, tuple[str, ...]] = {
    "personnel": (
        "troop", "soldier", "personnel", "force", "serviceman", "servicemen", "servicewoman", "fighter",
        "militant", "combatant", "recruit", "conscript", "reservist", "marine", "sapper", "deminer",
        "engineer", "sailor", "airman", "paratrooper", "mercenary", "guard", "officer", "commando",
        "infantry", "infantryman", "staff", "crew", "military", "army", "naval", "combat", "contingent",
        "battalion", "brigade",
    ),
    "dead": (
        "dead", "death", "fatality", "casualty", "victim", "body", "corpse", "toll", "death toll", "life",
        "killed",
    ),
    "injured": (
        "injured", "wounded", "injury", "wound", "hurt",
    ),
    "missing": (
        "missing",
    ),
    "displaced": (
        "evacuee", "refugee", "displaced", "evacuated", "asylum seeker", "migrant",
    ),
    "arrested": (
        "arrest", "detainee", "prisoner", "suspect", "detained", "arrested",
    ),
    "people": (
        "people", "person", "resident", "civilian", "citizen", "inhabitant", "household", "family",
        "individual", "adult", "child", "kid", "student", "pupil", "voter", "protester", "demonstrator",
        "participant", "attendee", "spectator", "fan", "volunteer", "customer", "passenger", "tourist",
        "visitor", "patient", "member", "employee", "man", "woman", "villager", "worker", "builder",
        "labourer", "laborer",
    ),
    "responders": (
        "firefighter", "rescuer", "paramedic", "responder", "police", "policeman", "police officer", "medic",
        "doctor", "nurse",
    ),
    "buildings": (
        "home", "house", "building", "dwelling", "property", "structure", "apartment", "residence", "shelter",
        "school", "hospital",
    ),
    "munitions": (
        "shell", "missile", "rocket", "round", "bomb", "drone", "munition", "ammunition", "artillery",
        "grenade", "mine", "warhead", "bullet", "weapon", "gun", "rifle",
    ),
    "vehicles": (
        "vehicle", "tank", "car", "truck", "lorry", "bus", "aircraft", "plane", "jet", "helicopter", "ship",
        "vessel", "boat", "train",
    ),
    "animals": (
        "animal", "cattle", "livestock", "sheep", "dog", "cat", "horse", "bird",
    ),
    "jobs": (
        "job", "position", "post", "role", "layoff", "redundancy",
    ),
    "votes": (
        "vote", "ballot", "seat",
    ),
    "cases": (
        "case", "infection", "test", "dose", "vaccination",
    ),
    "shares": (
        "share", "stock",
    ),
}

# What a sentence does to the counted thing can matter more than the noun: "600 soldiers have
# perished" counts the dead, not the soldiers.
EVENT_VERBS: dict[str, tuple[str, ...]] = {
    "dead": (
        "die", "kill", "perish", "slay", "drown", "execute", "succumb", "claim",
    ),
    "injured": (
        "injure", "wound", "hurt", "hospitalize", "hospitalise", "treat",
    ),
    "missing": (
        "miss",
    ),
    "displaced": (
        "evacuate", "displace", "flee", "relocate", "uproot",
    ),
    "arrested": (
        "arrest", "detain", "jail", "imprison", "charge",
    ),
    "rescued": (
        "rescue", "save", "free", "release",
    ),
    "destroyed": (
        "destroy", "burn", "raze", "flatten", "demolish", "damage", "level",
    ),
}

CHANGE_UP = (
    "rise", "climb", "increase", "grow", "jump", "surge", "soar", "gain", "mount", "up", "advance", "rally",
    "rebound", "add", "spike", "boost", "raise", "expand", "accelerate", "appreciate",
)
CHANGE_DOWN = (
    "fall", "drop", "decrease", "decline", "shrink", "plunge", "slide", "cut", "down", "lose", "shed", "slip",
    "tumble", "plummet", "sink", "dip", "ease", "retreat", "slump", "crash", "contract", "lower", "reduce",
    "depreciate", "sag",
)
# The inflected forms of those verbs that directly precede a change: "rose 5%", "fell by 2.1%".
CHANGE_FORMS_UP = (
    "rose", "risen", "rises", "rising", "climbed", "climbs", "climbing", "increased", "increases",
    "increasing", "increase", "grew", "grown", "grows", "growing", "jumped", "jumps", "jumping", "surged",
    "surges", "surging", "soared", "soars", "soaring", "gained", "gains", "gaining", "advanced",
    "advances", "advancing", "rallied", "rallies", "rebounded", "added", "adds", "adding", "spiked",
    "accelerated", "appreciated", "edged up", "ticked up", "inched up", "went up", "was up", "were up",
    "is up", "are up", "ended up", "closed up", "finished up", "higher by", "up",
    # bare forms after a modal or "to": "could rise 11 feet", "is expected to climb 2%"
    "rise", "climb", "grow", "jump", "surge", "soar", "gain", "advance",
    # "revised upward by 40 billion"
    "upward", "upwards",
)
CHANGE_FORMS_DOWN = (
    "fell", "fallen", "falls", "falling", "dropped", "drops", "dropping", "decreased", "decreases",
    "decreasing", "decrease", "declined", "declines", "declining", "shrank", "shrunk", "shrinks",
    "plunged", "plunges", "plunging", "slid", "slides", "sliding", "lost", "loses", "losing", "shed",
    "sheds", "slipped", "slips", "tumbled", "tumbles", "plummeted", "plummets", "sank", "sunk", "sinks",
    "dipped", "dips", "eased", "eases", "retreated", "slumped", "slumps", "crashed", "contracted",
    "depreciated", "sagged", "edged down", "ticked down", "inched down", "went down", "was down",
    "were down", "is down", "are down", "ended down", "closed down", "finished down", "lower by", "down",
    "fall", "drop", "decline", "shrink", "plunge", "slide", "slip", "tumble", "plummet", "sink", "dip",
    "downward", "downwards",
)
# A level reached by revision: "the toll rose to five", "revised to", "now stands at".
REVISION_CUES = (
    "rose to", "risen to", "climbed to", "increased to", "jumped to", "grew to", "reached", "revised",
    "now stands at", "now at", "updated", "has since", "fell to", "dropped to", "lowered to", "raised to",
    "up to date", "latest",
)

CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
    "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "¥": "JPY", "jpy": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "won": "KRW", "krw": "KRW", "rupee": "INR", "rupees": "INR", "inr": "INR", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "franc": "CHF", "francs": "CHF", "chf": "CHF",
    "a$": "AUD", "au$": "AUD", "c$": "CAD", "$a": "AUD", "$us": "USD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL",
    "rm": "MYR", "rs": "INR", "rs.": "INR", "₪": "ILS", "₩": "KRW", "₹": "INR", "shekel": "ILS",
    "shekels": "ILS", "ringgit": "MYR", "rand": "ZAR", "lira": "TRY", "naira": "NGN", "baht": "THB",
    "hryvnia": "UAH", "zloty": "PLN", "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK",
    # hundredths: share prices in pence ("164p"), cents
    "p": "GBX", "pence": "GBX", "cents": "USc", "cent": "USc",
    # Scandinavian and Czech crowns, named in English by their country ("Danish crowns")
    "danish crowns": "DKK", "danish crown": "DKK", "danish krone": "DKK", "danish kroner": "DKK",
    "swedish crowns": "SEK", "swedish crown": "SEK", "norwegian crowns": "NOK", "norwegian crown": "NOK",
    "czech crowns": "CZK", "czech crown": "CZK", "koruna": "CZK", "kuna": "HRK", "kunas": "HRK",
}
# "pounds" without a sign is money only beside words of money; otherwise, and always in "pounds of
# flour", it is a weight (CURRENCIES maps the word to GBP; quantities.py decides which it is).
MONEY_CUES = (
    "cost", "costs", "costing", "paid", "pay", "pays", "paying", "price", "priced", "prices", "worth",
    "fee", "fees", "fine", "fined", "salary", "wage", "wages", "spent", "spend", "spending", "raise",
    "raised", "fund", "funds", "funding", "budget", "profit", "profits", "revenue", "revenues", "sold",
    "sell", "sells", "buy", "bought", "tax", "taxes", "charge", "charged", "earn", "earned", "earns",
    "loan", "loans", "debt", "debts", "deal", "bill", "bonus", "invest", "invested",
    "investment", "compensation", "damages", "award", "awarded", "grant", "donated", "donation", "pension",
    "income", "cash", "money", "ticket", "tickets", "afford", "savings", "sterling",
)

# Measures: surface unit -> (canonical unit, factor to the canonical unit).
MEASURES: dict[str, tuple[str, float]] = {
    "hectare": ("ha", 1.0), "hectares": ("ha", 1.0), "ha": ("ha", 1.0), "acre": ("ha", 0.404686),
    "acres": ("ha", 0.404686), "square kilometre": ("ha", 100.0), "square kilometres": ("ha", 100.0),
    "square kilometer": ("ha", 100.0), "square kilometers": ("ha", 100.0), "sq km": ("ha", 100.0),
    "km2": ("ha", 100.0), "km²": ("ha", 100.0), "square mile": ("ha", 258.999),
    "square miles": ("ha", 258.999), "kilometre": ("m", 1000.0), "kilometres": ("m", 1000.0),
    "kilometer": ("m", 1000.0), "kilometers": ("m", 1000.0), "km": ("m", 1000.0), "mile": ("m", 1609.344),
    "miles": ("m", 1609.344), "metre": ("m", 1.0), "metres": ("m", 1.0), "meter": ("m", 1.0),
    "meters": ("m", 1.0), "feet": ("m", 0.3048), "foot": ("m", 0.3048), "ft": ("m", 0.3048),
    "centimetres": ("m", 0.01), "centimeters": ("m", 0.01), "cm": ("m", 0.01), "tonne": ("kg", 1000.0),
    "tonnes": ("kg", 1000.0), "ton": ("kg", 907.185), "tons": ("kg", 907.185), "kilogram": ("kg", 1.0),
    "kilograms": ("kg", 1.0), "kg": ("kg", 1.0), "pound weight": ("kg", 0.453592), "lbs": ("kg", 0.453592),
    "litre": ("l", 1.0), "litres": ("l", 1.0), "liter": ("l", 1.0), "liters": ("l", 1.0),
    "barrel": ("bbl", 1.0), "barrels": ("bbl", 1.0), "gallon": ("l", 3.78541), "gallons": ("l", 3.78541),
    "degree": ("°", 1.0), "degrees": ("°", 1.0), "mph": ("km/h", 1.609344), "km/h": ("km/h", 1.0),
    "kph": ("km/h", 1.0), "megawatt": ("MW", 1.0), "megawatts": ("MW", 1.0), "mw": ("MW", 1.0),
    "gigawatt": ("MW", 1000.0), "gigawatts": ("MW", 1000.0), "gw": ("MW", 1000.0), "kilowatt": ("MW", 0.001),
    "kilowatts": ("MW", 0.001), "kw": ("MW", 0.001), "watt": ("MW", 1e-06), "watts": ("MW", 1e-06),
    "kwh": ("kWh", 1.0), "kilowatt-hours": ("kWh", 1.0), "mwh": ("kWh", 1000.0), "gwh": ("kWh", 1000000.0),
    "horsepower": ("hp", 1.0), "hp": ("hp", 1.0), "bhp": ("hp", 1.0), "degrees celsius": ("°C", 1.0),
    "degrees fahrenheit": ("°F", 1.0), "celsius": ("°C", 1.0), "fahrenheit": ("°F", 1.0), "°c": ("°C", 1.0),
    "°f": ("°F", 1.0), "square metres": ("m2", 1.0), "square meters": ("m2", 1.0),
    "square metre": ("m2", 1.0), "m2": ("m2", 1.0), "sq m": ("m2", 1.0), "sqm": ("m2", 1.0), "m²": ("m2", 1.0), "square feet": ("m2", 0.092903),
    "square foot": ("m2", 0.092903), "sq ft": ("m2", 0.092903), "inch": ("m", 0.0254),
    "inches": ("m", 0.0254), "yard": ("m", 0.9144), "yards": ("m", 0.9144), "millimetres": ("m", 0.001),
    "millimeters": ("m", 0.001), "mm": ("m", 0.001), "micrometres": ("m", 1e-06), "micrometers": ("m", 1e-06),
    "nanometres": ("m", 1e-09), "nm": ("m", 1e-09), "kilometres per hour": ("km/h", 1.0),
    "kilometers per hour": ("km/h", 1.0), "miles per hour": ("km/h", 1.609344), "mpg": ("mpg", 1.0),
    "miles per gallon": ("mpg", 1.0), "rpm": ("rpm", 1.0), "hz": ("Hz", 1.0), "hertz": ("Hz", 1.0),
    "khz": ("Hz", 1000.0), "mhz": ("Hz", 1000000.0), "ghz": ("Hz", 1000000000.0), "kb": ("B", 1000.0),
    "mb": ("B", 1000000.0), "gb": ("B", 1000000000.0), "tb": ("B", 1000000000000.0),
    "kbps": ("bit/s", 1000.0), "mbps": ("bit/s", 1000000.0), "gbps": ("bit/s", 1000000000.0),
    "mah": ("mAh", 1.0), "volts": ("V", 1.0), "volt": ("V", 1.0), "calories": ("kcal", 1.0),
    "kcal": ("kcal", 1.0), "basis points": ("bp", 1.0), "bps": ("bp", 1.0), "ppm": ("ppm", 1.0),
    "ppb": ("ppm", 0.001), "grams": ("kg", 0.001), "gram": ("kg", 0.001), "milligrams": ("kg", 1e-06),
    "mg": ("kg", 1e-06), "ounces": ("kg", 0.0283495), "ounce": ("kg", 0.0283495), "oz": ("kg", 0.0283495),
    "millilitres": ("l", 0.001), "ml": ("l", 0.001), "cubic metres": ("m3", 1.0), "cubic meters": ("m3", 1.0),
    "barrels per day": ("bbl/day", 1.0), "bpd": ("bbl/day", 1.0), "knots": ("km/h", 1.852),
    "gigatonnes": ("kg", 1e12), "gigatonne": ("kg", 1e12), "megatonnes": ("kg", 1e9), "megatonne": ("kg", 1e9),
    "μm": ("m", 1e-06), "microns": ("m", 1e-06), "micron": ("m", 1e-06), "m.p.h.": ("km/h", 1.609344),
    "m.p.h": ("km/h", 1.609344), "km/hr": ("km/h", 1.0), "lb-ft": ("N·m", 1.355818), "pound-feet": ("N·m", 1.355818),
    "newton metres": ("N·m", 1.0), "ksi": ("kPa", 6894.76), "psi": ("kPa", 6.89476), "kpa": ("kPa", 1.0),
    "mpa": ("kPa", 1000.0), "gpa": ("kPa", 1e6), "gigapascals": ("kPa", 1e6), "megapascals": ("kPa", 1000.0),
    "degf": ("°F", 1.0), "deg f": ("°F", 1.0), "degc": ("°C", 1.0), "deg c": ("°C", 1.0),
    "millimetre": ("m", 0.001), "millimeter": ("m", 0.001), "centimetre": ("m", 0.01), "centimeter": ("m", 0.01),
    "nanometre": ("m", 1e-09), "nanometer": ("m", 1e-09), "micrometre": ("m", 1e-06), "micrometer": ("m", 1e-06),
    "parts per million": ("ppm", 1.0), "decibels": ("dB", 1.0), "db": ("dB", 1.0), "kwh/year": ("kWh", 1.0),
    "pounds": ("kg", 0.453592), "pound": ("kg", 0.453592), "lb": ("kg", 0.453592), "kv": ("V", 1000.0),
    "kilovolts": ("V", 1000.0), "pint": ("l", 0.473176), "pints": ("l", 0.473176), "quart": ("l", 0.946353),
    "quarts": ("l", 0.946353), "points": ("pt", 1.0), "point": ("pt", 1.0), "pts": ("pt", 1.0),
}
# Unit symbols whose case tells them apart ("Nm" torque, "nm" length; "W" watts): read with case,
# before MEASURES. Symbol -> (canonical unit, factor to it, long name).
CASED_SYMBOLS: dict[str, tuple[str, float, str]] = {
    "Nm": ("N·m", 1.0, "newton metre"), "W": ("MW", 1e-06, "watt"), "kW": ("MW", 0.001, "kilowatt"),
    "PS": ("hp", 0.98632, "horsepower"), "l": ("l", 1.0, "litre"), "L": ("l", 1.0, "litre"),
    "lb": ("kg", 0.453592, "pound-mass"), "g": ("kg", 0.001, "gram"), "kt": ("km/h", 1.852, "knot"),
    "kn": ("km/h", 1.852, "knot"),
    "C": ("°C", 1.0, "celsius"), "F": ("°F", 1.0, "fahrenheit"), "″": ("m", 0.0254, "inch"),
    "′": ("m", 0.3048, "foot"), "WAR": ("WAR", 1.0, "win above replacement"), "TDs": ("TD", 1.0, "touch down"),
    "TD": ("TD", 1.0, "touch down"), "G": ("G", 1.0, "generation wireless"),
}
# Currency signs written after the amount ("150 kn", "40 zł"); "kn" is knots unless money is near.
POSTFIX_CURRENCY_SYMBOLS = {"kn": "HRK", "zł": "PLN", "Kč": "CZK"}
# Symbols that follow the figure without a space only ("5G", not "5 G").
CASED_SYMBOLS_JOINED = ("G",)


# The long English name of each unit as written, for display and evaluation ("mph" -> "mile per hour").
UNIT_NAMES: dict[str, str] = {
    "ha": "hectare", "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre", "ft": "foot",
    "feet": "foot", "mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
    "kg": "kilogram", "lbs": "pound-mass", "mw": "megawatt", "gw": "gigawatt", "kw": "kilowatt",
    "kwh": "kilowatt hour", "hp": "horsepower", "bhp": "brake horsepower", "°c": "celsius", "°f": "fahrenheit",
    "degrees celsius": "celsius", "degrees fahrenheit": "fahrenheit", "m2": "square metre",
    "m²": "square metre", "sq ft": "square foot", "mpg": "mile per gallon", "rpm": "revolutions per minute",
    "hz": "hertz", "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz", "kb": "kilobyte",
    "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte", "kbps": "kilobit per second",
    "mbps": "megabit per second", "gbps": "gigabit per second", "mah": "milliampere-hour",
    "bps": "basis point", "ppm": "parts-per-million", "ppb": "parts-per-billion", "mg": "milligram",
    "oz": "ounce", "ml": "millilitre", "bpd": "barrel per day", "km2": "square kilometre",
    "km²": "square kilometre", "sq km": "square kilometre", "nm": "nanometre", "kcal": "calorie",
    "calories": "calorie", "knots": "knot", "gigatonnes": "gigaton", "gigatonne": "gigaton", "μm": "micrometre",
    "microns": "micrometre", "micron": "micrometre", "m.p.h.": "mile per hour", "m.p.h": "mile per hour",
    "km/hr": "kilometre per hour", "lb-ft": "foot pound-force", "pound-feet": "pound-foot", "ksi": "kilopound per square inch",
    "psi": "pound per square inch", "kpa": "kilopascal", "mpa": "megapascal", "gpa": "gigapascal",
    "degf": "fahrenheit", "deg f": "fahrenheit", "degc": "celsius", "deg c": "celsius", "db": "decibel",
    "gwh": "gigawatt hour", "mwh": "megawatt hour", "ppg": "point per game", "rpg": "rebound per game",
    "apg": "assist per game", "spg": "steal per game", "bpg": "block per game", "tonnes": "metric ton", "tonne": "metric ton", "tons": "ton", "sq m": "square metre", "sqm": "square metre",
    "celsius": "celsius", "fahrenheit": "fahrenheit", "degrees": "degree",
    "pounds": "pound-mass", "pound": "pound-mass", "lb": "pound-mass", "kv": "kilovolt", "kilovolts": "kilovolt",
    "mmbtu": "mega british thermal unit", "basis points": "basis point", "pts": "point",
}
# Short forms of durations after a figure ("40min", "3 hrs").
DURATION_ABBREVIATIONS = {"min": "minute", "mins": "minute", "hr": "hour", "hrs": "hour", "sec": "second",
                          "secs": "second"}

# What a rate is counted per, after "a"/"an": "$3,500 a month", "800,000 barrels a day", "£2 a litre".
RATE_NOUNS = (
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "season",
    "game", "match", "share", "unit", "piece", "head", "person", "passenger", "ticket", "seat", "barrel",
    "ounce", "gallon", "litre", "liter", "tonne", "ton", "kilo", "kilogram", "pound", "mile", "kilometre",
    "kilometer", "square foot", "square metre", "square meter",
)
RATE_SYNONYMS = {
    "annum": "year", "liter": "litre", "kilometer": "kilometre", "meter": "metre", "kilo": "kilogram",
    "mmbtu": "mega british thermal unit", "cm": "centimetre", "km": "kilometre", "kg": "kilogram",
    "mm": "millimetre", "lb": "pound", "oz": "ounce",
}

# What a canonical measure unit measures, to name a figure ("area", not "ha").
DIMENSIONS = {
    "ha": "area", "m": "length", "kg": "weight", "l": "volume", "bbl": "volume", "°": "temperature",
    "km/h": "speed", "MW": "power", "kPa": "pressure", "N·m": "torque", "dB": "loudness", "°C": "temperature",
    "°F": "temperature", "V": "voltage", "pt": "points",
}
# Verbs that report a level reached: "the toll rose to five", "evacuees number 3,200".
LEVEL_VERBS = (
    "be", "stand", "reach", "total", "hit", "top", "exceed", "near", "number", "rise", "climb", "increase",
    "grow", "jump", "fall", "drop", "decrease", "decline",
)

DURATIONS = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.0,
    "year": 365.0,
    "decade": 3650.0,
}

# "about 600", "more than 1,000", "up to 40": the qualifier and what it does to the figure.
APPROX_WORDS = (
    "approximately", "about", "around", "roughly", "some", "an estimated", "estimated", "nearly", "almost",
    "close to", "just under", "just over", "more than", "over", "at least", "upwards of", "in excess of",
    "up to", "as many as", "fewer than", "less than", "under", "below", "above", "at most", "no more than",
    "no fewer than", "well over", "a little over", "a little under", "just shy of", "circa", "c.", "~",
    "higher than", "greater than", "lower than", "barely",
)
LOWER_BOUND = (
    "more than", "over", "at least", "upwards of", "in excess of", "above", "well over", "no fewer than",
    "just over", "a little over", "higher than", "greater than",
)
UPPER_BOUND = (
    "up to", "as many as", "fewer than", "less than", "under", "below", "at most", "no more than", "lower than",
)
APPROX_NEAR = (
    "approximately", "about", "around", "roughly", "some", "an estimated", "estimated", "nearly", "almost",
    "close to", "just under", "circa", "c.", "~", "barely",
)
NEAR_BELOW = ("nearly", "almost", "just under", "a little under", "just shy of", "close to")
# Just below a figure, and said so: a bound that holds of its conversion too ("just under 20 kg
# (44 lb)"); NewsQuant labels it "<", where "nearly" is "~".
NEAR_UNDER = ("just under", "a little under", "just shy of")

# Modifiers that distinguish one batch from another: "an additional 4,000", "a second wave".
BATCH_WORDS = (
    "additional", "another", "more", "second", "third", "new", "further", "extra", "first", "initial",
    "latest", "earlier", "previous", "last",
)

CONCEPT_OF: dict[str, str] = {}
for _concept, _words in CONCEPTS.items():
    for _word in _words:
        CONCEPT_OF.setdefault(_word, _concept)
EVENT_OF: dict[str, str] = {verb: event for event, verbs in EVENT_VERBS.items() for verb in verbs}
# fmt: on
