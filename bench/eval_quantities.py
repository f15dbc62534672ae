"""Quantity extraction on NewsQuant, scored with the dataset's own scorer (strict protocol).

    python bench/eval_quantities.py [--json] [--limit N] [--write-predictions PATH]

Reads ``../shared/data/newsquant`` (never copied into the project) and prints precision, recall
and F1 for value, value+unit, value+change and value+concept (partial, complete), plus
sentences/second and peak memory. The matching rules are in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import resource
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NEWSQUANT = ROOT.parent / "shared" / "data" / "newsquant"

# Our unit words -> NewsQuant's normalized unit names.
UNIT_NAMES = {
    "USD": "dollar",
    "EUR": "euro",
    "GBP": "pound sterling",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "INR": "indian rupee",
    "KRW": "south korean won",
    "RUB": "russian ruble",
    "CHF": "swiss franc",
    "AUD": "australian dollar",
    "CAD": "canadian dollar",
    "%": "percentage",
    "pp": "percentage point",
    "HKD": "hong kong dollar",
    "MYR": "malaysian ringgit",
    "ILS": "shekel",
    "NZD": "new zealand dollar",
    "SGD": "singapore dollar",
    "BRL": "brazilian real",
    "ZAR": "south african rand",
    "TRY": "turkish lira",
    "NGN": "nigerian naira",
    "THB": "thai baht",
    "UAH": "ukrainian hryvnia",
    "PLN": "polish zloty",
    "SEK": "swedish krona",
    "NOK": "norwegian krone",
    "USc": "cent",
    "GBX": "point",  # NewsQuant names a share price in pence ("164p") "point"
    "DKK": "danish krone",
    "CZK": "czech koruna",
    "HRK": "croatian kuna",
}
SPELLING = {"gigatonne": "gigaton"}  # and British "-metre", "-litre" (_spelling)
VAGUE = (
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "tens of thousands",
    "hundreds of thousands",
    "tens of millions",
    "hundreds of millions",
)
# "from $2,415 to $2,315", "from 450 sq ft up to 900 sq ft": one range in NewsQuant, written in
# the order of the text
FROM_TO_GAP = re.compile(r"\A[^,;()]{0,40}?\s(?:up\s)?to\s+\Z")
CHANGE_OF_APPROX = {"~": "~", ">": ">", "<": "<", "<~": "~", "=": "="}
MULTIPLE_RE = re.compile(r"\s*(?:-\s?)?(?:times|fold)\b(?!\s+(?:a|an|per|each|every)\b)", re.IGNORECASE)


def load_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def prediction(q: Any, text: str = "", figures: Iterable[Any] = ()) -> dict[str, str]:
    """One of our quantities in the scorer's format (``text``: the sentence it is in, ``figures``:
    the others of that sentence)."""
    from triangulate.analyze import lexicon as lx
    from triangulate.analyze.quantities import FRACTION_RE
    from triangulate.reconcile import approx_class

    factor, unit_name = _surface_unit(q, lx, _unit_surface(q, figures, lx))
    if q.kind == "count" and (MULTIPLE_RE.match(text[q.end : q.end + 12]) or q.text.lower().endswith("fold")):
        unit_name = "count"  # a multiple: "four times the number", "6.5 times earnings"
    if q.kind == "percent" and FRACTION_RE.search(q.text + " of"):
        # NewsQuant writes a fraction as a share ("a third of the voters": 0.333, "% voter")
        factor, unit_name = 100.0, "% " + (_lemmas(q.noun) if q.noun else "-")
    low, high = q.low / factor, (q.high / factor if not math.isinf(q.high) else q.high)
    if q.approx in lx.LOWER_BOUND:
        value = _num(low)
    elif q.approx in lx.UPPER_BOUND:
        value = _num(high)
    elif low == high:
        value = _num(low)
    else:
        value = f"{_num(low)}-{_num(high)}"
    # NewsQuant labels one change per figure, and an approximation wins: "up about 15 percent" is "~";
    # a vague plural ("thousands of") is an exact range there
    change = CHANGE_OF_APPROX.get(approx_class(q), "~") if q.approx else (q.change or "=")
    if q.approx in VAGUE:
        change = q.change or "="
    if q.approx in lx.NEAR_UNDER:
        change = "<"  # "just under 296 hp" is a bound in NewsQuant, "nearly 300" an approximation
    return {"value": value, "change": change, "normalized_unit": unit_name, "referred_concepts": q.about or "-"}


def _unit_surface(q: Any, figures: Iterable[Any], lx: Any) -> str:
    """Where the unit of a figure is written: its own text, or for a figure that took the unit of
    a neighbour ("from 208 pounds to 193", "7- or 8-inch") the nearest figure naming that unit."""
    if q.kind != "measure" or not q.text[-1:].isdigit():
        return str(q.text)  # its own unit word, or a symbol on the number ("37m (121ft)")
    for other in sorted(figures, key=lambda o: abs(o.start - q.start)):
        named = _cased_symbol(other.text, lx.CASED_SYMBOLS) or _unit_word(other.text, lx.MEASURES)
        if other is not q and other.unit == q.unit and other.kind == "measure" and named:
            return str(other.text)
    return str(q.text)


def _surface_unit(q: Any, lx: Any, text: str) -> tuple[float, str]:
    """The unit as NewsQuant names it; a rate is "<unit> per <noun>" ("dollar per month")."""
    symbol = _cased_symbol(text, lx.CASED_SYMBOLS) if q.kind == "measure" else ""
    if symbol:  # "450 Nm" (not "nm"), "5 W", "5G"
        canonical, factor, name = lx.CASED_SYMBOLS[symbol]
        per = q.unit[len(canonical) + 1 :] if q.unit.startswith(canonical + "/") else ""
        return factor, f"{name} per {per}" if per else name
    if q.kind == "measure":
        word = _unit_word(text, lx.MEASURES)
        if word and "/" in lx.MEASURES[word][0]:
            return _base_unit(q, lx, q.unit, text)  # a rate in one word: "mph", "bpd", "km/h"
    base, _, per = q.unit.rpartition("/") if "/" in q.unit else (q.unit, "", "")
    factor, name = _base_unit(q, lx, base, text)
    if per:
        name = f"{name if name != '-' else 'count'} per {per}"
    return factor, name


def _base_unit(q: Any, lx: Any, base: str, text: str) -> tuple[float, str]:
    if q.kind in ("money", "percent"):
        return 1.0, UNIT_NAMES.get(base, base.lower())
    if q.kind == "measure":
        word = _unit_word(text, lx.MEASURES)
        if word:
            name = _spelling(lx.UNIT_NAMES.get(word) or _singular_unit(word))
            return lx.MEASURES[word][1], SPELLING.get(name, name)
        if base.lower() in lx.UNIT_NAMES:  # no unit word written: the canonical unit ("a 37m (121ft) hull")
            return 1.0, lx.UNIT_NAMES[base.lower()]
    if q.kind == "age":
        return 1.0, "year of age"
    if q.kind == "duration":
        word = re.search(
            r"(?<![a-z])(second|minute|hour|day|week|fortnight|month|year|decade|min|hr|sec)s?", q.text, re.I
        )
        name = word.group(1).lower() if word else "day"
        name = lx.DURATION_ABBREVIATIONS.get(name, name)  # "40min"
        return lx.DURATIONS.get(name, 1.0), name
    if q.noun.lower() in lx.UNIT_NAMES:
        return 1.0, lx.UNIT_NAMES[q.noun.lower()]  # "15.3 ppg": points per game
    if q.noun.lower() in ("times", "time", "fold"):
        return 1.0, "count"  # a multiple: "four times", "sixfold"
    return 1.0, _lemmas(q.noun.split(" + ")[0]) if q.noun else "-"


# NewsQuant writes a counted noun phrase lemmatized, without function words ("Kia and Hyundai
# vehicles" -> "Kia Hyundai vehicle", "best screens" -> "good screen").
_FUNCTION_WORDS = {"and", "or", "of", "the", "a", "an"}
_ADJECTIVES = {"best": "good", "better": "good", "worst": "bad", "worse": "bad", "most": "", "least": ""}


_NOT_SUPERLATIVE = (
    "interest", "forest", "west", "east", "request", "protest", "harvest", "contest", "test", "chest", "rest",
    "guest", "quest", "honest", "modest", "manifest", "arrest", "inquest", "digest", "suggest", "invest",
)  # fmt: skip
_COMPARATIVES = {
    w + "er": w
    for w in ("small", "old", "new", "high", "low", "great", "long", "short", "young", "cheap", "fast", "slow")
} | {"bigger": "big", "larger": "large", "wider": "wide", "deeper": "deep", "hotter": "hot"}


def _lemmas(phrase: str) -> str:
    words = [w for w in phrase.split() if w.lower() not in _FUNCTION_WORDS]
    out = [_adjective(w) for w in words[:-1]] + [_singular(words[-1])] if words else []
    return " ".join(w for w in out if w) or "-"


def _adjective(word: str) -> str:
    low = word.lower()
    if low in _ADJECTIVES:
        return _ADJECTIVES[low]
    if low in _COMPARATIVES:
        return _COMPARATIVES[low]
    if len(low) < 6 or not low.endswith("est") or low in _NOT_SUPERLATIVE:
        return word
    stem = low[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        return stem[:-1]  # "biggest" -> "big"
    if stem.endswith("i"):
        return stem[:-1] + "y"  # "earliest" -> "early"
    if stem.endswith(("rg", "at", "ng", "af", "in", "ur", "pl")) and stem not in ("strong", "long"):
        return stem + "e"  # "largest" -> "large", "latest" -> "late"
    return stem


def _unit_word(text: str, measures: dict[str, tuple[str, float]]) -> str:
    """The unit word right after the figure: the first one in the text, the longest there
    ("10 kV/cm" is kilovolts, per centimetre)."""
    lowered = text.lower()
    found = []
    for word in measures:
        hit = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered)
        if hit:
            found.append((hit.start(), -len(word), word))
    return min(found)[2] if found else ""


def _cased_symbol(text: str, symbols: dict[str, Any]) -> str:
    """A unit symbol written with its case ("Nm", "W", "5G"), as quantities.py reads it."""
    for symbol in sorted(symbols, key=len, reverse=True):
        if re.search(rf"(?<![A-Za-z]){re.escape(symbol)}(?![\w'’-]|\.\w)", text):
            return symbol
    return ""


def _spelling(name: str) -> str:
    """British spelling, as NewsQuant writes units: "nanometer" -> "nanometre", "liter" -> "litre"."""
    return re.sub(r"(met|lit)er\b", r"\1re", name)


def _singular_unit(name: str) -> str:
    """ "miles per hour" -> "mile per hour", "square feet" -> "square foot"."""
    head, sep, rest = name.partition(" per ")
    return " ".join(_singular(w) for w in head.split()) + sep + rest


def _singular(word: str) -> str:
    word = word.lower()
    irregular = {"feet": "foot", "people": "people", "children": "child", "men": "man", "women": "woman"}
    if word in irregular:
        return irregular[word]
    if word.endswith("men") and len(word) > 5 and not word.endswith(("omen", "imen")):
        return word[:-3] + "man"  # "fishermen"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sis", "us", "ss")):
        return word  # "basis", "bonus", "glass"
    if word.endswith(("ches", "shes", "sses", "xes", "uses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _num(value: float) -> str:
    value = float(f"{value:.12g}")  # undo the float noise of a unit converted and back
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def predict(rows: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    from triangulate.analyze import analyze_many, load_nlp
    from triangulate.model import Article

    nlp = load_nlp()
    rows = list(rows)
    articles = [Article(id=str(r["idx"]), title="", text=r["text"]) for r in rows]
    started = time.perf_counter()
    out = []
    for analysis in analyze_many(articles, nlp):
        quantities = [c.quantity for c in analysis.claims if c.kind == "quantity" and c.quantity is not None]
        text = analysis.article.text
        figures = sorted((q for q in quantities if not q.parts), key=lambda q: q.start)
        out.append({"idx": int(analysis.article.id), "quantities": _from_to_ranges(figures, text)})
    return out, time.perf_counter() - started


def _from_to_ranges(figures: list[Any], text: str) -> list[dict[str, str]]:
    """Our figures in the scorer's format, a figure "from X to Y" written as NewsQuant does: one
    range "X-Y" in the order of the text (we keep the two figures, the start and end of a change)."""
    out: list[dict[str, str]] = []
    skip = -1
    for i, q in enumerate(figures):
        if i == skip:
            continue
        pred = prediction(q, text, figures)
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        if (
            nxt is not None
            and re.search(r"\bfrom\s+\Z", text[max(0, q.start - 6) : q.start], re.I)
            and (FROM_TO_GAP.match(text[q.end : nxt.start]) or (nxt.approx == "up to" and q.end == nxt.start - 1))
            and "-" not in pred["value"][1:]
        ):
            second = prediction(nxt, text, figures)
            if "-" not in second["value"][1:]:
                unit = pred["normalized_unit"] if pred["normalized_unit"] != "-" else second["normalized_unit"]
                pred = {**pred, "value": f"{pred['value']}-{second['value']}", "normalized_unit": unit}
                skip = i + 1
        out.append(pred)
    return out


def score(predictions: list[dict[str, Any]], gold_path: Path) -> dict[str, dict[str, float]]:
    """Run the dataset's scorer (strict protocol) on our predictions."""
    spec = importlib.util.spec_from_file_location("newsquant_score", NEWSQUANT / "score.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    pred = {p["idx"]: p["quantities"] for p in predictions}
    scored = scorer.score(load_gold(gold_path), pred, protocol="strict")
    result: dict[str, dict[str, float]] = scored["scores"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--write-predictions", type=Path, help="save our predictions as JSONL")
    args = parser.parse_args(argv)
    gold_path = NEWSQUANT / "newsquant.jsonl"
    if not gold_path.exists():
        print(f"skipped: NewsQuant not found at {gold_path} (../shared is absent)")
        return 0
    rows = load_gold(gold_path)[: args.limit or None]
    predictions, seconds = predict(rows)
    if args.write_predictions:
        args.write_predictions.write_text("".join(json.dumps(p) + "\n" for p in predictions))
    scores = score(predictions, gold_path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = {
        "scores": scores,
        "sentences": len(rows),
        "sentences_per_second": len(rows) / seconds,
        "peak_rss_mib": peak,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"NewsQuant, strict protocol, {len(rows)} sentences, {report['sentences_per_second']:.0f} sentences/s, peak {peak:.0f} MiB"
    )
    for kind, s in scores.items():
        print(f"  {kind:24} P {s['P']:5.1f}  R {s['R']:5.1f}  F1 {s['F1']:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
