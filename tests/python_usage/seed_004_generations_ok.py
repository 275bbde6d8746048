"""Functions without returns validators return Any; ids are checked."""

from __future__ import annotations

from typing import Any

from seed_004_generations import FUNCTIONS, ConvexApi, GenerationsDoc, GenerationsId


def chain(api: ConvexApi, generation: GenerationsId) -> Any:
    return api.generations.getRefinementChain(generationId=generation)


def status(doc: GenerationsDoc) -> str:
    return doc["status"] + (f" ({doc['continuationType']})" if "continuationType" in doc else "")


assert "generations:createPending" not in FUNCTIONS  # internal: generated only with --internal
