"""Nested objects, unions of objects and id types of a large schema."""

from __future__ import annotations

from typing import assert_type

from seed_002_community import (
    EventsDoc,
    EventsLocationInPerson,
    EventsLocationOnline,
    LessonsDoc,
    PostsDoc,
    SpacesId,
    StorageId,
    UsersDoc,
)


def where(event: EventsDoc) -> str:
    location = event["location"]
    assert_type(location, EventsLocationOnline | EventsLocationInPerson)
    if location["type"] == "online":
        return location["url"]
    return location["address"]


def every(event: EventsDoc) -> float | None:
    recurrence = event.get("recurrence")
    return recurrence["interval"] if recurrence is not None else None


def digest(user: UsersDoc) -> bool:
    return user["notificationPrefs"]["emailDigest"] != "off"


def media(post: PostsDoc) -> tuple[SpacesId, list[StorageId]]:
    return post["spaceId"], post.get("mediaStorageIds", [])


def attachment_names(lesson: LessonsDoc) -> list[str]:
    return [a["name"] for a in lesson.get("attachments", [])]
