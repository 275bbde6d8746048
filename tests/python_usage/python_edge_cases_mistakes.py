"""Mistakes the generated types must catch."""

from __future__ import annotations

from convex import ConvexInt64
from python_edge_cases import (
    ChannelsId,
    ConvexApi,
    KeywordsDoc,
    MessagesDoc,
    UserProfiles2Id,
    UserProfilesId,
)


def mistakes(api: ConvexApi, channel: ChannelsId, old: UserProfiles2Id, doc: MessagesDoc) -> None:
    api.messages.list(chanel=channel)  # E: Unexpected keyword argument "chanel"
    api.messages.list(channel=UserProfilesId("u"))  # E: Argument "channel" to "list" of "MessagesApi" has incompatible type "UserProfilesId"; expected "ChannelsId"
    api.admin.users.get(id=old)  # E: Argument "id" to "get" of "AdminUsersApi" has incompatible type "UserProfiles2Id"; expected "UserProfilesId"
    api.admin.users.setRole(id=UserProfilesId("u"), role="admin")  # E: Argument "role" to "setRole" of "AdminUsersApi" has incompatible type "Literal['admin']"
    api.messages.purge(before=1.5)  # E: Argument "before" to "purge" of "MessagesApi" has incompatible type "float"; expected "int"
    api.messages.send(channel=channel, body="x", after="41")  # E: Argument "after" to "send" of "MessagesApi" has incompatible type "str"
    api.messages.send(channel=channel, body="x", source={"kind": "bot", "botName": "b"})  # E: Argument "source" to "send" of "MessagesApi" has incompatible type "dict[str, str]"
    api.messages.search(cls="c")  # E: Unexpected keyword argument "cls"
    sequence: int = doc["sequence"]  # E: Incompatible types in assignment (expression has type "ConvexInt64", variable has type "int")
    stats_users: ConvexInt64 = api.admin.stats()["users"]  # E: Incompatible types in assignment (expression has type "int", variable has type "ConvexInt64")
    print(sequence, stats_users)


def keyword_mistake(doc: KeywordsDoc) -> None:
    print(doc["class_"])  # E: TypedDict "KeywordsDoc" has no key "class_"


def subscription_mistakes(api: ConvexApi) -> None:
    for stats in api.admin.subscribe_stats():
        users: str = stats["users"]  # E: Incompatible types in assignment (expression has type "int", variable has type "str")
        print(users)
    api.messages.subscribe_send(channel=None)  # E: "MessagesApi" has no attribute "subscribe_send"
