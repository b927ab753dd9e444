#!/usr/bin/env python3
"""Validate the reference CSV files in this folder (stdlib only).

Usage: python3 check.py [DIR]   (DIR defaults to the folder of this script)

Checks: exact header columns, RFC 4180 rows of the header's width, UTF-8
without BOM, no empty names, the ISCO-08 tree (10/43/130/436 groups, every
parent one level up with a matching prefix, skill levels), 20 regions with
unique 9-digit KATO codes, organisation files (kinds, parents, KATO nesting
region > district > locality) and the closed lists in classifiers.csv.
Prints one summary line; exits 1 on any error.
"""

import csv
import os
import re
import sys

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
KATO = re.compile(r"^[0-9]{9}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

OCC_HEADER = ["code", "level", "parent_code", "skill_level", "name_kk", "name_ru", "name_en"]
REG_HEADER = ["region_code", "name_kk", "name_ru", "name_en",
              "center_name_kk", "center_name_ru", "center_name_en"]
ORG_HEADER = ["id", "kind", "parent_id", "name_kk", "name_ru", "name_en",
              "region_code", "district_code", "locality_code", "rural"]
CLS_HEADER = ["classifier", "code", "name_kk", "name_ru", "name_en"]

LEVELS = {1: "major", 2: "sub_major", 3: "minor", 4: "unit"}
ISCO_COUNTS = {"major": 10, "sub_major": 43, "minor": 130, "unit": 436}

REQUIRED_REGIONS = {
    "710000000": "Astana", "750000000": "Almaty city", "790000000": "Shymkent",
    "110000000": "Akmola", "100000000": "Abai", "330000000": "Zhetysu",
    "620000000": "Ulytau", "610000000": "Turkistan",
}

CLASSIFIERS = {
    "education_level": ["none", "secondary", "vocational", "higher", "postgraduate"],
    "work_regime": ["full_time", "part_time", "shift", "rotational", "remote"],
    "employment_type": ["permanent", "temporary", "seasonal"],
    "disability_group": ["1", "2", "3"],
    "language": ["kk", "ru", "en", "uz", "ug", "tr", "zh", "de"],
    "driving_licence": ["A", "B", "C", "D", "BE", "CE", "DE", "A1", "B1", "C1", "D1",
                        "C1E", "D1E", "Tm", "Tb"],
    "close_reason": ["got_job", "moved", "military_service", "medical", "own_wish"],
    "sex": ["male", "female"],
}

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def read(directory, name, header):
    """Return the rows of a CSV as dicts, after checking encoding, header and widths."""
    path = os.path.join(directory, name)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        err(name, f"cannot read: {e}")
        return []
    if raw.startswith(b"\xef\xbb\xbf"):
        err(name, "starts with a UTF-8 BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(name, f"not UTF-8: {e}")
        return []
    rows = list(csv.reader(text.splitlines(keepends=True), strict=True))
    if not rows:
        err(name, "empty file")
        return []
    if rows[0] != header:
        err(name, f"header {rows[0]} != {header}")
        return []
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            err(f"{name}:{n}", f"{len(row)} fields, expected {len(header)}")
            continue
        if any(v != v.strip() for v in row):
            err(f"{name}:{n}", "leading or trailing whitespace in a field")
        rec = dict(zip(header, row))
        rec["_line"] = n
        out.append(rec)
    return out


def check_names(name, rec, prefix="name"):
    where = f"{name}:{rec['_line']}"
    for lang in ("kk", "ru", "en"):
        v = rec[f"{prefix}_{lang}"]
        if not v:
            err(where, f"empty {prefix}_{lang}")
        elif lang in ("kk", "ru") and not CYRILLIC.search(v):
            err(where, f"{prefix}_{lang} has no Cyrillic letters: {v!r}")
        elif lang == "en" and CYRILLIC.search(v):
            err(where, f"{prefix}_en has Cyrillic letters: {v!r}")
    if re.search(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]", rec[f"{prefix}_ru"]) and prefix == "name" \
            and name == "occupations_isco08.csv":
        err(where, f"{prefix}_ru has Kazakh-only letters: {rec[f'{prefix}_ru']!r}")


def expected_skill(code):
    if code.startswith("01"):
        return "4"
    if code.startswith("02"):
        return "2"
    if code.startswith("03"):
        return "1"
    if code.startswith("14"):
        return "3"
    return {"1": "4", "2": "4", "3": "3", "4": "2", "5": "2", "6": "2",
            "7": "2", "8": "2", "9": "1"}[code[0]]


def check_occupations(d):
    name = "occupations_isco08.csv"
    rows = read(d, name, OCC_HEADER)
    by_code = {}
    for r in rows:
        where = f"{name}:{r['_line']}"
        code = r["code"]
        if not re.fullmatch(r"[0-9]{1,4}", code):
            err(where, f"bad code {code!r}")
            continue
        if code in by_code:
            err(where, f"duplicate code {code}")
        by_code[code] = r
        if r["level"] != LEVELS[len(code)]:
            err(where, f"level {r['level']!r} for a {len(code)}-digit code")
        check_names(name, r)
    counts = {lvl: 0 for lvl in ISCO_COUNTS}
    for code, r in by_code.items():
        where = f"{name}:{r['_line']}"
        lvl = LEVELS[len(code)]
        counts[lvl] += 1
        parent = r["parent_code"]
        if len(code) == 1:
            if parent:
                err(where, "major group has a parent")
        else:
            if parent != code[:-1]:
                err(where, f"parent {parent!r} is not the code's prefix {code[:-1]!r}")
            p = by_code.get(parent)
            if p is None:
                err(where, f"parent {parent!r} does not exist")
            elif LEVELS[len(p['code'])] != LEVELS[len(code) - 1]:
                err(where, "parent is not one level up")
        sk = r["skill_level"]
        if lvl == "unit":
            if sk != expected_skill(code):
                err(where, f"skill_level {sk!r}, expected {expected_skill(code)}")
        elif sk:
            err(where, "skill_level set on a non-unit group")
    for lvl, want in ISCO_COUNTS.items():
        if counts[lvl] != want:
            err(name, f"{counts[lvl]} {lvl} groups, expected {want}")
    if {c for c in by_code if len(c) == 1} != set("0123456789"):
        err(name, "major groups are not 0..9")
    # every non-unit group has at least one child
    parents = {r["parent_code"] for r in by_code.values() if r["parent_code"]}
    for code, r in by_code.items():
        if len(code) < 4 and code not in parents:
            err(f"{name}:{r['_line']}", f"group {code} has no child")
    return counts


def check_regions(d):
    name = "regions.csv"
    rows = read(d, name, REG_HEADER)
    codes = {}
    for r in rows:
        where = f"{name}:{r['_line']}"
        c = r["region_code"]
        if not KATO.match(c):
            err(where, f"region_code {c!r} is not 9 digits")
        elif not c.endswith("0000000"):
            err(where, f"region_code {c!r} is not a first-level KATO code (AB0000000)")
        if c in codes:
            err(where, f"duplicate region_code {c}")
        if c[:2] in {x[:2] for x in codes}:
            err(where, f"duplicate 2-digit prefix {c[:2]}")
        codes[c] = r
        check_names(name, r)
        check_names(name, r, prefix="center_name")
    if len(rows) != 20:
        err(name, f"{len(rows)} regions, expected 20")
    for c, what in REQUIRED_REGIONS.items():
        if c not in codes:
            err(name, f"missing {what} ({c})")
    return codes


def check_orgs(d, name, regions, demo):
    # The example shows the optional contact columns an import may carry.
    rows = read(d, name, ORG_HEADER if demo else ORG_HEADER + ["address", "phone", "email"])
    ids = {}
    for r in rows:
        where = f"{name}:{r['_line']}"
        if not SLUG.match(r["id"]):
            err(where, f"id {r['id']!r} is not a lowercase slug")
        if r["id"] in ids:
            err(where, f"duplicate id {r['id']}")
        ids[r["id"]] = r
        check_names(name, r)
    for r in rows:
        where = f"{name}:{r['_line']}"
        kind = r["kind"]
        if kind not in ("career_center", "rural_district", "education_organization"):
            err(where, f"kind {kind!r} not career_center, rural_district or education_organization")
        reg, dist, loc = r["region_code"], r["district_code"], r["locality_code"]
        if reg not in regions:
            err(where, f"region_code {reg!r} not in regions.csv")
        for col, v in (("district_code", dist), ("locality_code", loc)):
            if not KATO.match(v):
                err(where, f"{col} {v!r} is not 9 digits")
        if KATO.match(dist):
            if dist[:2] != reg[:2]:
                err(where, f"district {dist} does not start with the region prefix {reg[:2]}")
            if dist == reg or dist[4:] != "00000":
                err(where, f"district {dist} is not a second-level KATO code (ABCD00000)")
        if KATO.match(loc) and KATO.match(dist) and loc[:4] != dist[:4]:
            err(where, f"locality {loc} does not lie in district {dist}")
        if r["rural"] not in ("true", "false"):
            err(where, f"rural {r['rural']!r} not true/false")
        if kind == "career_center":
            if r["parent_id"]:
                err(where, "a career center has no parent_id (its mobility center is the region's)")
            if not r["id"].startswith("cc-"):
                err(where, "career center id should start with cc-")
        elif kind == "rural_district":
            p = ids.get(r["parent_id"])
            if p is None:
                err(where, f"parent_id {r['parent_id']!r} does not exist")
            elif p["kind"] != "career_center":
                err(where, f"parent {p['id']} is not a career center")
            elif p["district_code"] != dist or p["region_code"] != reg:
                err(where, f"parent {p['id']} serves another district")
            if r["rural"] != "true":
                err(where, "a rural district must have rural=true")
            if not r["id"].startswith("rd-"):
                err(where, "rural district id should start with rd-")
        elif kind == "education_organization":
            if r["parent_id"]:
                err(where, "an education organisation has no parent_id")
            if not r["id"].startswith("eo-"):
                err(where, "education organisation id should start with eo-")
    if demo:
        by_region = {}
        for r in rows:
            by_region.setdefault(r["region_code"], []).append(r)
        ok = any(sum(x["kind"] == "career_center" for x in rs) >= 2
                 and any(x["kind"] == "rural_district" for x in rs)
                 for rs in by_region.values())
        if not ok:
            err(name, "no region with two career centers and a rural district")
        if not any(r["kind"] == "career_center" and r["region_code"] == "710000000" for r in rows):
            err(name, "no career center in Astana")
    else:
        if len({r["region_code"] for r in rows}) < 3:
            err(name, "the example should span at least 3 regions")
    return rows


def check_classifiers(d):
    name = "classifiers.csv"
    rows = read(d, name, CLS_HEADER)
    got = {}
    for r in rows:
        where = f"{name}:{r['_line']}"
        key = (r["classifier"], r["code"])
        if r["classifier"] not in CLASSIFIERS:
            err(where, f"unknown classifier {r['classifier']!r}")
        if key in {(c, x) for c, xs in got.items() for x in xs}:
            err(where, f"duplicate {key}")
        got.setdefault(r["classifier"], []).append(r["code"])
        check_names(name, r)
    for cl, codes in CLASSIFIERS.items():
        if sorted(got.get(cl, [])) != sorted(codes):
            err(name, f"{cl} codes {got.get(cl, [])} != {codes}")
    return rows


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    counts = check_occupations(d)
    regions = check_regions(d)
    demo = check_orgs(d, "demo_organizations.csv", regions, demo=True)
    example = check_orgs(d, "organizations.example.csv", regions, demo=False)
    cls = check_classifiers(d)
    summary = (f"occupations {sum(counts.values())} "
               f"({counts['major']}/{counts['sub_major']}/{counts['minor']}/{counts['unit']}), "
               f"regions {len(regions)}, demo organisations {len(demo)}, "
               f"example organisations {len(example)}, classifier values {len(cls)}")
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        print(f"check.py: FAILED with {len(errors)} error(s); {summary}")
        return 1
    print(f"check.py: OK; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
