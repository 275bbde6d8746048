"""Document types of a schema without function modules."""

from __future__ import annotations

from typing import assert_type

from seed_000_dynamic_content import (
    ActivityLogDoc,
    ActivityLogType,
    DocumentsDoc,
    DocumentsId,
    TableName,
    UsersId,
)


def describe(entry: ActivityLogDoc) -> str:
    kind: ActivityLogType = entry["type"]
    document = entry.get("documentId")
    assert_type(document, DocumentsId | None)
    assert_type(entry["userId"], UsersId)
    assert_type(entry["_creationTime"], float)
    return f"{kind} {entry['title']}"


def published(doc: DocumentsDoc) -> bool:
    return doc["isPublished"] and doc["type"] in ("procedure", "checklist")


TABLES: list[TableName] = ["activityLog", "documents", "users"]
