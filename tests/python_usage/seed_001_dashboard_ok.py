"""The typed facade over the real `convex` client, and the document types it returns."""

from __future__ import annotations

from typing import assert_type

from convex import ConvexClient
from seed_001_dashboard import (
    FUNCTIONS,
    OMITTED,
    ActivitiesDoc,
    ActivitiesId,
    ConvexApi,
    UserStatusDoc,
    UserStatusId,
)


def recent(client: ConvexClient, user: str) -> list[str]:
    api = ConvexApi(client)
    activities = api.activities.getRecentActivities(userId=user, limit=10)
    assert_type(activities, list[ActivitiesDoc])
    return [a["description"] for a in activities if a["type"] == "alert"]


def record(api: ConvexApi) -> ActivitiesId:
    return api.activities.addActivity(
        userId="u1", type="check-in", description="Checked in", timestamp=1.7e12, metadata={"mood": 4}
    )


def sync_status(api: ConvexApi, level: str | None) -> UserStatusId:
    status = api.alerts.getUserStatus(userId="u1")
    assert_type(status, UserStatusDoc | None)
    return api.alerts.updateUserStatus(
        userId="u1",
        lastCheckIn=OMITTED,
        alertLevel="L2" if level == "high" else None,
    )


assert FUNCTIONS["alerts:getUserStatus"] == "query"
