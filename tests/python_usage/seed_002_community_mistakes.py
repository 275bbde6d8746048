"""Mistakes in document types the generated types must catch."""

from __future__ import annotations

from seed_002_community import PostsDoc, SpacesId, UsersDoc, UsersId


def mistakes(user: UsersDoc, post: PostsDoc, space: SpacesId) -> None:
    author: UsersId = post["spaceId"]  # E: Incompatible types in assignment (expression has type "SpacesId", variable has type "UsersId")
    user["role"] = "owner"  # E: Value of "role" has incompatible type "Literal['owner']"
    print(post["titel"])  # E: TypedDict "PostsDoc" has no key "titel"
    post["authorId"] = space  # E: Value of "authorId" has incompatible type "SpacesId"; expected "UsersId"
    user["points"] = "many"  # E: Value of "points" has incompatible type "str"; expected "float"
    print(author)
