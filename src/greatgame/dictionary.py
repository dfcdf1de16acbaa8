"""The data dictionary and the definitions on the About page, generated from the one
schema declaration in datapackage.json."""

from __future__ import annotations

import pandas as pd

from greatgame.data import resource_schemas


def data_dictionary(descriptor: dict) -> pd.DataFrame:
    """One row per field of every table: type, whether required, allowed values, meaning."""
    rows = []
    for table, resource in resource_schemas(descriptor).items():
        keys = resource["schema"].get("primaryKey", [])
        for field in resource["schema"]["fields"]:
            constraints = field.get("constraints", {})
            allowed = constraints.get("enum", [])
            rows.append(
                {
                    "table": table,
                    "field": field["name"],
                    "type": field["type"],
                    "required": bool(constraints.get("required")),
                    "key": field["name"] in keys,
                    "allowed": ", ".join(allowed) if 0 < len(allowed) <= 12 else
                    ("ISO 4217 codes" if allowed else ""),
                    "description": field.get("description", ""),
                }
            )  # fmt: skip
    return pd.DataFrame(rows)


def field_description(descriptor: dict, table: str, field: str) -> str:
    """The declared meaning of one field, e.g. of events.format."""
    fields = resource_schemas(descriptor)[table]["schema"]["fields"]
    return next(f.get("description", "") for f in fields if f["name"] == field)
