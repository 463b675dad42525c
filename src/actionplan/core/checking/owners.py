"""Rules about who owns each action: one named post, accountable for it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from actionplan.core.checking.catalogue import finding
from actionplan.core.checking.config import CheckConfig, owner_key
from actionplan.core.checking.findings import Finding
from actionplan.core.checking.quotes import opening
from actionplan.core.plan import Action, Recommendation

_SLASH = re.compile(r"\s*/\s*")
_JOINER = re.compile(r"\s+(?:and|&)\s+|\s*&\s*|\s*,\s*", re.IGNORECASE)


def named_owners(owner: str, config: CheckConfig) -> list[str]:
    """The owners an owner cell names: "Governor/Novus" names two, "Head of Learning and Skills" one.

    A slash always separates owners; "and", "&" or a comma only when what follows begins like the
    name of a post ("Head of Residence and Head of Safety").
    """
    owners: list[str] = []
    for part in _SLASH.split(owner.strip()):
        start = 0
        for joiner in _JOINER.finditer(part):
            if config.owner_titles_pattern.match(part, joiner.end()):
                owners.append(part[start : joiner.start()])
                start = joiner.end()
        owners.append(part[start:])
    return [name.strip() for name in owners if name.strip()]


def action_label(ref: str, action_index: int, action: Action) -> str:
    """How a finding names an action: its number within the recommendation and its opening words."""
    words = opening(action.text)
    return f"{ref}, action {action_index + 1}" + (f" ('{words}')" if words else "")


def check_owner(
    rec: Recommendation, index: int, action_index: int, action: Action, config: CheckConfig
) -> Iterator[Finding]:
    label = action_label(rec.ref, action_index, action)

    def found(rule_id: str, message: str) -> Finding:
        return finding(
            rule_id, message, ref=rec.ref, recommendation_index=index, action_index=action_index, part="owner"
        )

    owner = (action.owner or "").strip()
    if not owner or owner_key(owner) in config.owner_placeholder_keys:
        written = f" (the owner is given as '{owner}')" if owner else ""
        yield found(
            "action-no-owner",
            f"{label} has no responsible owner{written}: name the post accountable for it, such as"
            " 'Head of Residence'.",
        )
        return
    names = named_owners(owner, config)
    vague = [name for name in names if owner_key(name) in config.vague_owner_keys]
    if vague:
        yield found(
            "owner-vague",
            f"{label}: the owner '{owner}' holds nobody to account: name the one post that will answer for it,"
            " such as 'Head of Safety'.",
        )
    elif len(names) > 1:
        yield found(
            "owner-several",
            f"{label}: '{owner}' names {len(names)} owners ({', '.join(names)}): name the one accountable for the"
            " action and mention the others in its text.",
        )
