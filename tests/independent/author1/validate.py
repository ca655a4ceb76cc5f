# -*- coding: utf-8 -*-
"""Independent check of every key against its PDF (run after make.py)."""

import csv
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
codes = {
    r["municipality"]: r["municipality_code"]
    for r in csv.DictReader(
        open(
            os.path.join(
                os.path.dirname(os.path.abspath(__file__)),
                "..",
                "..",
                "..",
                "extractors",
                "reference",
                "municipalities.csv",
            ),
            encoding="utf-8",
        )
    )
}


def fmt(v):
    return str(int(v)) if float(v).is_integer() else ("%.1f" % v).replace(".", ",")


bad = 0
for kf in sorted(glob.glob(os.path.join(HERE, "*.key.json"))):
    k = json.load(open(kf, encoding="utf-8"))
    pdf = os.path.join(HERE, k["file"])
    n = int(
        re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1)
    )
    pages = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True
        ).stdout
        for p in range(1, n + 1)
    ]
    for e in k["evaluations"]:
        for f in (
            "organisation",
            "municipality",
            "municipality_code",
            "year",
            "framework",
            "total_score",
            "total_scale",
            "max_total",
            "total_score_old_scale",
            "has_report",
            "evaluators",
        ):
            assert f in e, (kf, f)
        assert codes[e["municipality"]] == e["municipality_code"], e
    own = [e for e in k["evaluations"] if e["has_report"]]
    assert len(own) == 1 and own[0]["evaluators"], kf
    sums = {}
    for o in k["observations"]:
        for f in ("organisation", "year", "area", "scale", "value", "role", "page"):
            assert f in o, (kf, f)
        txt = pages[o["page"] - 1]
        if o["value"] is None:
            ok = ("*)" in txt) or ("–" in txt)
        else:
            ok = re.search(r"(?<![\d,])" + re.escape(fmt(o["value"])) + r"(?![\d,])", txt) is not None
        if not ok:
            bad += 1
            print("MISSING", k["file"], o)
        if o["area"] is not None and o["role"] != "average":
            sums.setdefault((o["evaluation_id"], o["scale"]), {})[o["area"]] = o["value"]
    for e in k["evaluations"]:
        for scale, tot in ((e["total_scale"], e["total_score"]), ("old", e["total_score_old_scale"])):
            a = sums.get((e["evaluation_id"], scale))
            if a and tot is not None:
                s = sum(v for v in a.values() if v is not None)
                if abs(s - tot) > 1e-9:
                    print("SUM MISMATCH", k["file"], e["evaluation_id"], scale, "areas", s, "printed", tot)
    print(
        "%-45s %-9s %2d pages %3d obs %d evals"
        % (k["file"], k["producer"], n, len(k["observations"]), len(k["evaluations"]))
    )
print("bad:", bad)
sys.exit(1 if bad else 0)
