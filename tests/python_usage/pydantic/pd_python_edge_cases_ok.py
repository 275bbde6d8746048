"""The pydantic variant: models read by attribute, int64 as int, `OMITTED` apart from `None`."""

from __future__ import annotations

from typing import Literal, assert_type

from convex import ConvexClient
from pd_python_edge_cases import (
    OMITTED,
    ChannelsId,
    ConvexApi,
    EventsDoc,
    LiteralsDoc,
    MessageDoc,
    MessagesSourceBot,
    Omitted,
    UserProfilesDoc,
    UserProfilesId,
)


def read(api: ConvexApi) -> None:
    for message in api.messages.list(channel=ChannelsId("c1"), limit=10, cursor=None):
        assert_type(message, MessageDoc)
        assert_type(message.sequence, int)
        assert_type(message.editedAt, int | Omitted)
        if message.editedAt is not OMITTED:
            assert_type(message.editedAt, int)
        print(message.id, message.creationTime, message.model_dump())
    stats = api.admin.stats()
    assert_type(stats.users, int)
    for result in api.admin.subscribe_stats():
        assert_type(result.messages, dict[ChannelsId, int])


def write(api: ConvexApi) -> None:
    source = MessagesSourceBot(kind="bot", botName="b", version=3)
    sent = api.messages.send(
        channel=ChannelsId("c1"), body="hi", after=1, tags=(1, 2), counters={"a": 1}, source=source
    )
    assert_type(sent.history, list[int])


def literals(doc: LiteralsDoc) -> None:
    assert_type(doc.big, Literal[7])
    assert_type(doc.bigs, Literal[1, 2])


def profile(user: UserProfilesDoc, event: EventsDoc) -> None:
    assert_type(user.id, UserProfilesId)
    if event.type == "renamed":
        print(event.from_, event.to)


ConvexApi(ConvexClient("https://example.convex.cloud"))
