"""The book's frame: summary table, mind map as a linked list, claims register, errata.

These chapters show the report as a whole, so their tables carry links to the chapters
that test each part.  The links are MyST ``{ref}`` roles in the table's Markdown form
(the form the book renders); Jupyter and terminals show the plain labels.
"""
from __future__ import annotations

import pandas as pd

from .. import data
from ..figures import markdown, tables
from ..text import labels, word, words
from . import claims

# The report's sections (the `section` column of claims.csv), in the report's order:
# the section's title (from the catalogue) and the label of the chapter that treats it.
SECTION_CHAPTERS = {
    "summary": "ch-summary", "introduction": "ch-introduction", "drivers": "ch-drivers",
    "driver_sanctions": "ch-sanctions", "driver_afghanistan": "ch-afghanistan", "driver_nato": "ch-nato",
    "driver_syria": "ch-syria", "criteria": "ch-tactical", "obstacle_history": "ch-history",
    "obstacle_gulf": "ch-gulf", "obstacle_israel": "ch-israel", "obstacle_energy": "ch-energy",
    "prospects": "ch-prospects",
}
SECTIONS = {section: (title, SECTION_CHAPTERS[section]) for section, title in words("frame.sections").items()}

# Kinds of correction (the `kind` column of errata.csv), in the order the errata page shows them.
ERRATA_KINDS = words("frame.errata_kinds")

# Which strand of the institutional ties each event of the prospects timeline belongs to.
TIE_STRANDS = words("frame.tie_strands")
TIES = {
    "sco-observer-2005": "sco", "sco-application-2008": "sco", "sco-dushanbe-2021": "sco",
    "sco-samarkand-memo": "sco", "sco-full-member-2023": "sco",
    "rial-rouble-2022": "money", "mir-cards-kazan-2023": "money", "mir-shetab-2024": "money",
    "instc-2000": "transport", "rasht-astara-2023": "transport",
    "eaeu-interim-fta-2019": "trade", "eaeu-protocol-2022": "trade",
}


def ref(label: str, text: str = None) -> str:
    """A MyST cross-reference to a chapter or section label (any text shown literally)."""
    return markdown.ref(label, text)


def chapter_links(cell: str) -> str:
    """«{ref}`ch-a`، {ref}`ch-b`» for a ';'-separated cell of chapter labels."""
    return labels.listed(ref(label) for label in data.split_keys(cell))


class LinkedTable(tables.Table):
    """A Table whose Markdown form turns the given columns' label lists into {ref} links."""

    def __init__(self, frame, columns, caption, name, links=(), **kwargs):
        super().__init__(frame, columns, caption=caption, name=name, **kwargs)
        self.links = set(links)

    def _cell_markdown(self, column, value):
        if column in self.links:
            return chapter_links(value)
        return super()._cell_markdown(column, value)


# ------------------------------------------------------------------ summary

def judgements() -> pd.DataFrame:
    """The report's key judgements and forecasts, joined to their verdicts in claims.csv."""
    table = data.load("judgements")
    register = claims.register().set_index("claim_id")
    missing = set(table["judgement_id"]) - set(register.index)
    if missing:
        raise KeyError(f"judgements.csv names claims not in claims.csv: {', '.join(sorted(missing))}")
    chosen = register.loc[table["judgement_id"]]
    return table.assign(claim_ar=chosen["claim_ar"].to_numpy(), verdict=chosen["verdict"].to_numpy(),
                        verdict_ar=chosen["verdict_ar"].to_numpy(),
                        kind=chosen["kind"].to_numpy(), seed_line=chosen["seed_line"].to_numpy())


def judgements_table(caption: str, name: str) -> LinkedTable:
    frame = judgements()
    esc = markdown.literal
    frame = frame.assign(
        judgement_md=[tables.Marked(word("frame.judgement", theme=theme, claim=claim),
                             word("frame.judgement", theme=esc(theme), claim=esc(claim)))
                      for theme, claim in zip(frame["theme_ar"], frame["claim_ar"])],
        verdict_md=[tables.Marked(word("frame.verdict_tested_by", verdict=verdict, chapters=chapter_links(chapters)),
                           word("frame.verdict_tested_by", verdict=verdict.markdown, chapters=chapter_links(chapters)))
                    for verdict, chapters in zip(frame["verdict_ar"], frame["chapters"])],
    )
    return LinkedTable(frame, words("tables.judgements"), caption=caption, name=name,
                       widths=(26, 40, 15, 19))


def verdict_counts(sections=None) -> pd.DataFrame:
    """Claims per verdict (columns) for each section (rows), in the report's order."""
    register = claims.register()
    if sections is not None:
        register = register[register["section"].isin(sections)]
    counts = pd.crosstab(register["section"], register["verdict"])
    order = [s for s in SECTIONS if s in counts.index]
    return counts.reindex(index=order, columns=list(claims.VERDICTS), fill_value=0)


# ------------------------------------------------------------------ mind map

def mindmap() -> pd.DataFrame:
    """The mind map's nodes, checked to form one tree whose chapters are known."""
    nodes = data.load("mindmap")
    ids = set(nodes["node_id"])
    roots = nodes[nodes["parent_id"].isna()]
    if len(roots) != 1:
        raise ValueError(f"mindmap.csv must have exactly one root, found {len(roots)}")
    orphans = set(nodes["parent_id"].dropna()) - ids
    if orphans:
        raise ValueError(f"mindmap.csv: unknown parent_id {', '.join(sorted(orphans))}")
    return nodes


def children(nodes: pd.DataFrame, node_id) -> pd.DataFrame:
    return nodes[nodes["parent_id"] == node_id]


class NestedList:
    """The mind map as a nested list: links in the book, indented text elsewhere."""

    def __init__(self, nodes: pd.DataFrame):
        self.nodes = nodes

    def _walk(self, node_id, depth):
        for _, node in children(self.nodes, node_id).iterrows():
            yield depth, node
            yield from self._walk(node["node_id"], depth + 1)

    def _lines(self, markdown: bool):
        root = self.nodes[self.nodes["parent_id"].isna()].iloc[0]
        rows = [(0, root)] + list(self._walk(root["node_id"], 1))
        for depth, node in rows:
            text = ref(node["chapter"], node["label_ar"]) if markdown else node["label_ar"]
            strong = f"**{text}**" if markdown and node["kind"] in ("root", "branch") else text
            yield "  " * depth + f"- {strong}" + ("" if markdown else f"  [{node['chapter']}]")

    def _repr_markdown_(self):
        return "\n".join(self._lines(markdown=True))

    def __repr__(self):
        return "\n".join(self._lines(markdown=False))


def mindmap_list() -> NestedList:
    return NestedList(mindmap())


# ------------------------------------------------------------------ prospects

def ties() -> pd.DataFrame:
    """The institutional ties the report expects, one dated event each, with its strand."""
    events = data.load("events")
    chosen = events[events["event_id"].isin(TIES)].copy()
    missing = set(TIES) - set(chosen["event_id"])
    if missing:
        raise KeyError(f"events.csv lacks the ties {', '.join(sorted(missing))}")
    chosen["strand"] = chosen["event_id"].map(lambda e: TIE_STRANDS[TIES[e]])
    return chosen.sort_values("date").reset_index(drop=True)


def scenarios_table(caption: str, name: str) -> tables.Table:
    return tables.Table(data.load("scenarios"), words("tables.scenarios"),
                        caption=caption, name=name, widths=(17, 19, 19, 30, 15))


# ------------------------------------------------------------------ claims register

def claims_table(section: str, caption: str, name: str) -> tables.Table:
    """One section of the register: seed line, claim, verdict, evidence, source."""
    if section not in SECTIONS:
        raise KeyError(f"unknown section '{section}'")
    register = claims.register()
    chosen = register[register["section"] == section].sort_values(["seed_line", "claim_id"])
    return tables.Table(chosen, words("tables.register"),
                        caption=caption, name=name, numeric=["seed_line"], widths=(6, 30, 10, 38, 16))


# ------------------------------------------------------------------ errata

def errata_table(kind: str, caption: str, name: str) -> tables.Table:
    if kind not in ERRATA_KINDS:
        raise KeyError(f"unknown kind of erratum '{kind}'")
    errata = data.load("errata")
    chosen = errata[errata["kind"] == kind].sort_values(["seed_line", "erratum_id"])
    return tables.Table(chosen, words("tables.errata"),
                        caption=caption, name=name, numeric=["seed_line"], widths=(6, 28, 26, 26, 14))


def branch_verdicts_table(caption: str, name: str) -> LinkedTable:
    """For each branch of the mind map, how the claims of its chapter fared."""
    nodes = mindmap()
    by_chapter = {label: section for section, (_, label) in SECTIONS.items()}
    branches = nodes[nodes["kind"].isin(["driver", "obstacle"]) |
                     ((nodes["kind"] == "branch") & (nodes["chapter"] == "ch-prospects"))]
    counts = verdict_counts()
    rows = []
    for _, node in branches.iterrows():
        section = by_chapter.get(node["chapter"])
        row = {"label_ar": node["label_ar"], "chapters": node["chapter"]}
        for verdict in claims.VERDICTS:
            row[verdict] = int(counts.loc[section, verdict]) if section in counts.index else 0
        rows.append(row)
    frame = pd.DataFrame(rows)
    share = 52 // len(claims.VERDICTS)  # the verdict columns share what the label and chapter leave
    return LinkedTable(frame, {**words("tables.branch_verdicts"), **claims.VERDICTS}, caption=caption, name=name,
                       links=["chapters"], numeric=list(claims.VERDICTS),
                       widths=(30, 18, *[share] * len(claims.VERDICTS)))


def errata_kinds_table(caption: str, name: str) -> tables.Table:
    """How many corrections of each kind the errata page lists."""
    counts = data.load("errata")["kind"].value_counts()
    frame = pd.DataFrame({"kind": list(ERRATA_KINDS.values()),
                          "count": [int(counts.get(k, 0)) for k in ERRATA_KINDS]})
    return tables.Table(frame, words("tables.errata_kinds"), caption=caption, name=name,
                        numeric=["count"], widths=(70, 30))
