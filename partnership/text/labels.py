"""Arabic labels shared by tables and charts.

Months carry both the Egyptian/Gulf and the Levantine names, as the report does
(«يوليو/تموز»), so readers from either tradition meet a familiar form.
"""
from __future__ import annotations

import pandas as pd

RLM = "\u200f"  # RIGHT-TO-LEFT MARK: a line that starts with it is laid out right to left
NBSP = "\u00a0"  # no-break space: keeps a name on one line

MONTHS = [
    "يناير/كانون الثاني", "فبراير/شباط", "مارس/آذار", "أبريل/نيسان", "مايو/أيار",
    "يونيو/حزيران", "يوليو/تموز", "أغسطس/آب", "سبتمبر/أيلول", "أكتوبر/تشرين الأول",
    "نوفمبر/تشرين الثاني", "ديسمبر/كانون الأول",
]
SHORT_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]

COLUMNS = {
    "date": "التاريخ",
    "label_ar": "الحدث",
    "description_ar": "ما جرى",
    "note_ar": "ملاحظة",
    "source": "المصدر",
    "month": "الشهر",
    "launched": "أُطلقت",
    "destroyed": "أُسقطت",
    "share_destroyed": "نسبة الإسقاط",
}


def format_date(value, precision: str = "day") -> str:
    """«11 يوليو/تموز 2022»; a month or a year alone when that is all the source gives."""
    stamp = pd.Timestamp(value)
    if precision == "year":
        return str(stamp.year)
    month = MONTHS[stamp.month - 1]
    if precision == "month":
        return f"{month} {stamp.year}"
    return f"{stamp.day} {month} {stamp.year}"


def format_month(value) -> str:
    """«سبتمبر 2022» for a YYYY-MM string or a timestamp (short form for chart axes)."""
    stamp = pd.Timestamp(value)
    return f"{SHORT_MONTHS[stamp.month - 1]} {stamp.year}"


# Names used by the drivers chapters (02_*): countries as the data sources spell them.
COUNTRIES = {
    "Russian Federation": "روسيا", "RUS": "روسيا", "Iran": "إيران", "IRN": "إيران",
    "Qatar": "قطر", "Turkmenistan": "تركمانستان", "US": "الولايات المتحدة",
    "USA": "الولايات المتحدة", "China": "الصين", "Venezuela": "فنزويلا",
    "Saudi Arabia": "السعودية", "United Arab Emirates": "الإمارات", "Nigeria": "نيجيريا",
    "Total World": "العالم",
}

# crisis_topic of the UNSC veto list (World Politics Data Lab coding).
VETO_TOPICS = {
    "Syria": "سوريا", "Israel-Palestine": "إسرائيل وفلسطين", "Bosnia": "البوسنة",
    "Ukraine": "أوكرانيا", "Cyprus": "قبرص", "Guatemala": "غواتيمالا", "Macedonia": "مقدونيا",
    "Myanmar": "ميانمار", "Zimbabwe": "زيمبابوي", "Georgia": "جورجيا", "Yemen": "اليمن",
    "Venezuela": "فنزويلا", "Terrorism": "الإرهاب", "Climate and Security": "المناخ والأمن",
    "North Korea": "كوريا الشمالية",
}

P5 = {"russia": "روسيا", "china": "الصين", "usa": "الولايات المتحدة",
      "uk": "المملكة المتحدة", "france": "فرنسا"}

UNHCR = {
    "refugees": "لاجئون (ومن في وضع شبيه باللجوء)",
    "asylum_seekers": "طالبو لجوء",
    "ooc": "آخرون تعنى بهم المفوضية",
    "oip": "آخرون بحاجة إلى حماية دولية",
    "returned_refugees": "لاجئون عادوا إلى أفغانستان خلال السنة",
}
