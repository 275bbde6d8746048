"""Mistakes the pydantic variant's types reject (each marked line must get that mypy error)."""

from __future__ import annotations

from pd_python_edge_cases import (
    ChannelsId,
    ConvexApi,
    LiteralsDoc,
    MessageDoc,
    MessagesSourceBot,
    UserProfilesDoc,
)


def mistakes(api: ConvexApi, message: MessageDoc, user: UserProfilesDoc, literals: LiteralsDoc) -> None:
    MessagesSourceBot(kind="bot", botName="b", version="3")  # E: Argument "version" to "MessagesSourceBot" has incompatible type "str"
    MessagesSourceBot(kind="user", botName="b", version=3)  # E: Argument "kind" to "MessagesSourceBot" has incompatible type
    MessagesSourceBot(kind="bot", botName="b", version=3, extra=1)  # E: Unexpected keyword argument "extra"
    print(message.seqence)  # E: "MessageDoc" has no attribute "seqence"
    message.editedAt + 1  # E: Unsupported operand types for + ("Omitted" and "int")
    api.messages.list(channel="c1")  # E: Argument "channel" to "list" of "MessagesApi" has incompatible type "str"
    api.messages.list(channel=ChannelsId("c1"), limit=None)  # E: Argument "limit" to "list" of "MessagesApi" has incompatible type "None"
    user.name = 1  # E: Incompatible types in assignment
    print(message["body"])  # E: Value of type "MessageDoc" is not indexable
    literals.big = 8  # E: Incompatible types in assignment (expression has type "Literal[8]", variable has type "Literal[7]")
    for stats in api.admin.subscribe_stats():
        print(stats.userz)  # E: "AdminStatsResult" has no attribute "userz"
