"""Mistakes the generated types must catch."""

from __future__ import annotations

from seed_004_generations import ConvexApi, GenerationsId, UsersId


def mistakes(api: ConvexApi, user: UsersId, generation: GenerationsId) -> None:
    api.generations.get(id=user)  # E: Argument "id" to "get" of "GenerationsApi" has incompatible type "UsersId"; expected "GenerationsId"
    api.generations.listByParent(parent=generation)  # E: Unexpected keyword argument "parent"
    api.generations.createPending(userId=user, prompt="", model="")  # E: "GenerationsApi" has no attribute "createPending"
    api.generations.get(id="k17abc")  # E: Argument "id" to "get" of "GenerationsApi" has incompatible type "str"; expected "GenerationsId"
