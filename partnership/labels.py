"""Arabic labels shared by tables and charts.

Months carry both the Egyptian/Gulf and the Levantine names, as the report does
(«يوليو/تموز»), so readers from either tradition meet a familiar form.
"""
from __future__ import annotations

import pandas as pd

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
