"""datapackage.json from the schema source: a Frictionless data package with Table Schema types.

Readers validate the dataset with `frictionless validate datapackage.json` and load it with any
Data Package tool, so the types are Table Schema's (not Arrow's), every field has a description
(with its unit and when it is null), and primary and foreign keys are declared.
"""

from __future__ import annotations

import pyarrow as pa

from .schema import SCHEMA, Column, Table


#: Tools that read Parquet through pandas (frictionless among them) see a null in an integer column as
#: the float NaN; declared as a missing value of those fields so it reads as null, not as a type error.
NULL_INTEGER = ["", "nan"]


def table_schema_type(arrow: pa.DataType) -> str:
    """The Table Schema type of an Arrow type."""
    if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
        return "string"
    if pa.types.is_integer(arrow):
        return "integer"
    if pa.types.is_floating(arrow):
        return "number"
    if pa.types.is_boolean(arrow):
        return "boolean"
    if pa.types.is_timestamp(arrow):
        return "datetime"
    if pa.types.is_list(arrow) or pa.types.is_large_list(arrow):
        return "array"
    if pa.types.is_map(arrow) or pa.types.is_struct(arrow):
        return "object"
    raise ValueError(f"no Table Schema type for {arrow}")


def field_description(column: Column) -> str:
    parts = [column.description]
    if column.unit:
        parts.append(f"Unit: {column.unit}.")
    parts.append(f"Null when {column.nulls}." if column.nulls else "Never null.")
    return " ".join(parts)


def field_descriptor(column: Column) -> dict:
    field = {"name": column.name, "type": table_schema_type(column.type), "description": field_description(column)}
    if column.nulls and pa.types.is_integer(column.type):
        field["missingValues"] = NULL_INTEGER
    constraints: dict = {}
    if column.values:
        constraints["enum"] = list(column.values)
    if column.nulls is None:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def resource_descriptor(table: Table, rows: int | None) -> dict:
    schema: dict = {"fields": [field_descriptor(c) for c in table.columns]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.columns), "reference": {"resource": fk.table, "fields": list(fk.reference)}}
            for fk in table.foreign_keys
        ]
    resource = {
        "name": table.name,
        "path": f"{table.name}.parquet",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "description": table.description,
        "schema": schema,
    }
    if rows is not None:
        resource["rows"] = rows
    return resource


def datapackage(tables: dict[str, pa.Table]) -> dict:
    """The descriptor of a dataset folder holding `tables` (every schema table that is written)."""
    return {
        "profile": "data-package",
        "name": "kommunkompassen",
        "title": "Kommunkompassen evaluations (kompass)",
        "description": "Scores, findings and checks read from Kommunkompassen evaluation reports; every value "
        "with its document and page. Contract: SCHEMA.md; data dictionary: docs/dataset.md.",
        "resources": [resource_descriptor(t, tables[t.name].num_rows) for t in SCHEMA if t.name in tables],
    }
