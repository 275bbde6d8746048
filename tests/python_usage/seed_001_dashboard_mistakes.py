"""Mistakes the generated types must catch."""

from __future__ import annotations

from seed_001_dashboard import ActivitiesDoc, ConvexApi, UserStatusId


def mistakes(api: ConvexApi, status: UserStatusId) -> None:
    api.activities.getRecentActivities(user_id="u1")  # E: Unexpected keyword argument "user_id"
    api.activities.addActivity(userId="u1", type="login", description="", timestamp=1.0)  # E: Argument "type" to "addActivity" of "ActivitiesApi" has incompatible type "Literal['login']"
    api.alerts.updateUserStatus(userId="u1", alertLevel="L5")  # E: Argument "alertLevel" to "updateUserStatus" of "AlertsApi" has incompatible type "Literal['L5']"
    api.alerts.getUserStatus()  # E: Missing named argument "userId" for "getUserStatus" of "AlertsApi"
    api.activitys.getRecentActivities(userId="u1")  # E: "ConvexApi" has no attribute "activitys"
    doc: ActivitiesDoc = api.activities.getRecentActivities(userId="u1")[0]
    doc["timestamp"] = "yesterday"  # E: Value of "timestamp" has incompatible type "str"; expected "float"
    print(doc["metadata"]["x"], doc["userID"])  # E: TypedDict "ActivitiesDoc" has no key "userID"
    print(doc["_id"] == status)  # E: Non-overlapping equality check
