"""Every validator kind, keyword names, nested modules, union tables, int64 both ways."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Literal, assert_type

from convex import ConvexClient, ConvexInt64
from python_edge_cases import (
    OMITTED,
    ChannelsId,
    ComponentUsersId,
    ConvexApi,
    EventsDoc,
    FunctionName,
    KeywordsDoc,
    LiteralsDoc,
    MessageDocResult,
    MessagesDoc,
    MessagesId,
    MessagesSourceBot,
    PostsMetaDoc,
    PostsMetaDoc2,
    ScheduledFunctionsId,
    ShapesDoc,
    Storage2Id,
    StorageId,
    UserProfiles2Doc,
    UserProfilesDoc,
    UserProfilesId,
)


def documents(
    message: MessagesDoc, keywords: KeywordsDoc, literals: LiteralsDoc, profile: UserProfilesDoc
) -> None:
    assert_type(message["sequence"], ConvexInt64)
    assert_type(message.get("raw"), bytes | None)
    assert_type(message["readBy"], dict[UserProfilesId, float])
    assert_type(message["reactions"], dict[str, list[UserProfilesId]])
    assert_type(message["deletedAt"], float | None)
    assert_type(message["priority"], Literal["low", "high"] | None)
    assert_type(message["extra"], Any)
    source = message["source"]
    if source["kind"] == "bot":
        assert_type(source, MessagesSourceBot)
        assert_type(source["version"], ConvexInt64)
    content = message["content"]
    if isinstance(content, str):
        print(content.upper())
    else:
        print(content.get("text"), content.get("blocks"))
    assert_type(keywords["class"], str)
    assert_type(keywords["float"], float)
    assert_type(keywords["list"], list[str])
    assert_type(keywords["import"], None)
    assert_type(keywords["None"], Literal["none"])
    assert_type(keywords["nested"]["lambda"]["await"], ConvexInt64)
    assert_type(keywords["nested"]["_id"], str)
    assert_type(keywords.get("from"), float | None)
    assert_type(literals["big"], ConvexInt64)
    assert_type(literals["yes"], Literal[True])
    assert_type(literals["num"], float)
    assert_type(literals["mixed"], Literal["a", True] | float | ConvexInt64 | None)
    assert_type(profile.get("avatar"), StorageId | None)
    assert_type(profile.get("pendingJob"), ScheduledFunctionsId | None)
    assert_type(profile.get("externalId"), ComponentUsersId | None)
    assert_type(profile["settings"]["notifications"].get("digest"), ConvexInt64 | None)


def union_tables(event: EventsDoc, shape: ShapesDoc) -> str:
    if event["type"] == "renamed":
        return event["from"] + " -> " + event["to"]
    radius = shape.get("radius")
    return str(radius) if radius is not None else str(shape.get("width"))


def collisions(
    meta: PostsMetaDoc, nested: PostsMetaDoc2, legacy: UserProfiles2Doc, bucket: Storage2Id
) -> None:
    print(meta["post"], nested["words"], legacy["legacyName"], bucket)


def functions(client: ConvexClient, channel: ChannelsId) -> None:
    api = ConvexApi(client)
    messages = api.messages.list(channel=channel, limit=10, cursor=None)
    assert_type(messages[0]["sequence"], int)
    assert_type(messages[0].get("editedAt"), int | None)
    sent = api.messages.send(
        channel=channel,
        body="hi",
        after=41,
        tags=[1, 2],
        counters={"a": 1},
        source={"kind": "bot", "botName": "b", "version": 3},
        weight=ConvexInt64(2),
    )
    assert_type(sent["sequence"], int)
    assert_type(sent["history"], list[int])
    api.messages.send(channel=channel, body="again", source={"kind": "user", "userId": UserProfilesId("u")})
    api.messages.send(channel=channel, body="float weight", weight=0.5, tags=OMITTED)
    # A query subscription yields the query's result type, iterated or async-iterated (#16).
    subscription = api.messages.subscribe_list(channel=channel, limit=10)
    for live in subscription:
        assert_type(live, list[MessageDocResult])
        assert_type(live[0]["sequence"], int)
        break
    subscription.unsubscribe()
    # Array and record arguments take any Sequence and Mapping (#16): a tuple, a read-only view.
    ids: tuple[int, ...] = (1, 2)
    api.messages.send(channel=channel, body="abc", tags=ids, counters=MappingProxyType({"a": 1}))
    found = api.messages.search(from_=1.0, class_="c", self_=True, list_="l", cast_="x")
    assert_type(found, list[MessagesId])
    assert_type(api.messages.summarize(anything=1, goes=[2]), Any)
    assert_type(api.messages.default(), None)
    assert_type(api.messages.purge(before=10), int)
    stats = api.admin.stats()
    assert_type(stats["users"], int)
    assert_type(stats["messages"], dict[ChannelsId, int])
    assert_type(api.admin.users_(), list[UserProfilesId])
    profile = api.admin.users.get(id=UserProfilesId("u"))
    if profile is not None:
        assert_type(profile["settings"]["notifications"].get("digest"), int | None)
    api.admin.users.setRole(id=UserProfilesId("u"), role="guest")
    for row in api.admin.users.namesByRole(role="owner"):
        print(row["name"], row["role"])


NAMES: list[FunctionName] = ["messages:list", "admin/users:get", "messages:purge"]


async def live_stats(api: ConvexApi) -> None:
    async for stats in api.admin.subscribe_stats():
        assert_type(stats["users"], int)
