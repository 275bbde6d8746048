"""A schema re-exported from outside `convex/`."""

from __future__ import annotations

from seed_003_byod import FilesDoc, MessagesDoc, MessagesRole, TableName


def ready(file: FilesDoc) -> bool:
    return file["status"] == "ready"


def from_user(message: MessagesDoc) -> bool:
    role: MessagesRole = message["role"]
    return role == "user"


TABLES: list[TableName] = ["files", "messages"]
