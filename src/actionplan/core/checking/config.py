"""The checker's settings and word lists: the packaged wordlists.toml, or an organisation's own copy."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from actionplan.core.checking.catalogue import rules
from actionplan.core.errors import PlanError
from actionplan.core.plan import Reason

_PACKAGED = "wordlists.toml"


@dataclass(frozen=True)
class ReasonWords:
    """How a response states one of the four reasons (``names``) or only suggests it (``cues``, ``patterns``)."""

    names: tuple[str, ...]
    cues: tuple[str, ...]
    patterns: tuple[str, ...] = ()


# Where each setting lives in the TOML file: (table, key) for every CheckConfig field but the reasons.
_KEYS: dict[str, tuple[str, str]] = {
    "submission_deadline_days": ("settings", "submission_deadline_days"),
    "target_horizon_years": ("settings", "target_horizon_years"),
    "disabled_rules": ("settings", "disabled_rules"),
    "vague_owners": ("owners", "vague"),
    "owner_placeholders": ("owners", "placeholders"),
    "owner_titles": ("owners", "titles"),
    "vague_wording": ("actions", "vague_wording"),
    "conditions": ("actions", "conditions"),
    "measurable_words": ("actions", "measurable"),
    "measurable_patterns": ("actions", "measurable_patterns"),
    "part_cues": ("responses", "part_cues"),
    "repeated_explanation": ("responses", "repeated_explanation"),
}


@cache
def _packaged() -> dict[str, Any]:
    text = resources.files("actionplan.core.checking").joinpath(_PACKAGED).read_text("utf-8")
    return tomllib.loads(text)


def _default(name: str) -> Any:
    table, key = _KEYS[name]
    value = _packaged()[table][key]
    return tuple(value) if isinstance(value, list) else value


def _default_reasons() -> dict[Reason, ReasonWords]:
    return {reason: _reason_words(_packaged()["reasons"][reason.value], None, reason) for reason in Reason}


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of the phrases as whole words, ignoring case and how lines break."""
    alternatives = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    escaped = [r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in alternatives]
    # \b only works beside word characters, and some phrases ("-", "?") begin or end without one.
    return re.compile(r"(?<![\w-])(?:" + "|".join(escaped) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class CheckConfig:
    """Settings and word lists of the checker. ``CheckConfig()`` gives the packaged defaults."""

    submission_deadline_days: int = field(default_factory=lambda: int(_default("submission_deadline_days")))
    target_horizon_years: int = field(default_factory=lambda: int(_default("target_horizon_years")))
    disabled_rules: tuple[str, ...] = field(default_factory=lambda: _default("disabled_rules"))
    vague_owners: tuple[str, ...] = field(default_factory=lambda: _default("vague_owners"))
    owner_placeholders: tuple[str, ...] = field(default_factory=lambda: _default("owner_placeholders"))
    owner_titles: tuple[str, ...] = field(default_factory=lambda: _default("owner_titles"))
    vague_wording: tuple[str, ...] = field(default_factory=lambda: _default("vague_wording"))
    conditions: tuple[str, ...] = field(default_factory=lambda: _default("conditions"))
    measurable_words: tuple[str, ...] = field(default_factory=lambda: _default("measurable_words"))
    measurable_patterns: tuple[str, ...] = field(default_factory=lambda: _default("measurable_patterns"))
    part_cues: tuple[str, ...] = field(default_factory=lambda: _default("part_cues"))
    repeated_explanation: tuple[str, ...] = field(default_factory=lambda: _default("repeated_explanation"))
    reasons: Mapping[Reason, ReasonWords] = field(default_factory=_default_reasons)

    @classmethod
    @cache
    def default(cls) -> CheckConfig:
        """The packaged settings, built once."""
        return cls()

    @classmethod
    def from_file(cls, path: str | Path) -> CheckConfig:
        """Settings from a TOML file laid out like the packaged wordlists.toml; keys left out keep their default.

        Raises PlanError when the file cannot be read or holds a key or value the checker does not know.
        """
        source = str(path)
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise PlanError(f"cannot read the settings file ({error.__class__.__name__})", source=source) from None
        except tomllib.TOMLDecodeError as error:
            raise PlanError(f"not a valid TOML file: {error}", source=source) from None
        return cls(**_overrides(data, source))

    def is_enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled_rules

    @cached_property
    def vague_wording_pattern(self) -> re.Pattern[str]:
        return _phrases(self.vague_wording)

    @cached_property
    def conditions_pattern(self) -> re.Pattern[str]:
        return _phrases(self.conditions)

    @cached_property
    def measurable_pattern(self) -> re.Pattern[str]:
        extra = [f"(?:{p})" for p in self.measurable_patterns]
        return re.compile("|".join([_phrases(self.measurable_words).pattern, *extra]), re.IGNORECASE)

    @cached_property
    def part_cues_pattern(self) -> re.Pattern[str]:
        return _phrases(self.part_cues)

    @cached_property
    def repeated_explanation_pattern(self) -> re.Pattern[str]:
        return _phrases(self.repeated_explanation)

    @cached_property
    def owner_titles_pattern(self) -> re.Pattern[str]:
        return re.compile(r"\s*(?:" + _phrases(self.owner_titles).pattern + ")", re.IGNORECASE)

    @cached_property
    def vague_owner_keys(self) -> frozenset[str]:
        return frozenset(owner_key(owner) for owner in self.vague_owners)

    @cached_property
    def owner_placeholder_keys(self) -> frozenset[str]:
        return frozenset(owner_key(owner) for owner in self.owner_placeholders)

    @cached_property
    def reason_name_patterns(self) -> dict[Reason, re.Pattern[str]]:
        return {reason: _phrases(words.names) for reason, words in self.reasons.items()}

    @cached_property
    def stated_reasons_pattern(self) -> re.Pattern[str]:
        """A statement of one or more reasons; its one matching group holds them ("policy and operational")."""
        name = _phrases(name for words in self.reasons.values() for name in words.names).pattern

        def listed(group: str) -> str:
            return rf"(?P<{group}>{name}(?:\s*(?:,|and/or|and|or|,\s*and|,\s*or)\s*{name})*)"

        return re.compile(
            rf"{listed('before')}\s+(?:reasons?|grounds|matters?|decision|constraints?)\b"
            rf"|\b(?:reasons?|grounds)\s+of\s+{listed('of')}"
            rf"|\bdue\s+to\s+{listed('due_to')}"
            # The line published plans carry for the reasons ticked: "Reasons: policy, affordability."
            rf"|\breasons?\s*:\s*{listed('labelled')}",
            re.IGNORECASE,
        )

    @cached_property
    def implied_reason_patterns(self) -> dict[Reason, re.Pattern[str]]:
        patterns = {}
        for reason, words in self.reasons.items():
            alternatives = [_phrases(words.cues).pattern, *(f"(?:{p})" for p in words.patterns)]
            patterns[reason] = re.compile("|".join(alternatives), re.IGNORECASE)
        return patterns


@cache
def checker_config(word_lists: str = "", submission_deadline_days: int | None = None) -> CheckConfig:
    """The checker's settings wherever it runs (command line, upload preview, drafting and sign-off pages).

    ``word_lists`` names an organisation's own TOML file (empty for the packaged lists); a deadline given
    replaces the file's. Built once for each pair, as every page checks a plan.
    """
    base = CheckConfig.from_file(word_lists) if word_lists else CheckConfig.default()
    if submission_deadline_days is None:
        return base
    return replace(base, submission_deadline_days=submission_deadline_days)


def checker_config_from_environment(
    environment: Mapping[str, str], word_lists: str | Path | None = None
) -> CheckConfig:
    """The settings from the variables the service reads, ACTIONPLAN_CHECK_CONFIG and ACTIONPLAN_SUBMISSION_DAYS,
    for the command line, which has no Django settings; ``word_lists`` (its --config) comes before the variable.

    Raises PlanError when the deadline is not a whole number or the file cannot be used.
    """
    days = environment.get("ACTIONPLAN_SUBMISSION_DAYS", "").strip()
    if days and not days.isdigit():
        raise PlanError(f"ACTIONPLAN_SUBMISSION_DAYS must be a whole number; it is {days!r}")
    chosen = str(word_lists) if word_lists else environment.get("ACTIONPLAN_CHECK_CONFIG", "").strip()
    return checker_config(chosen, int(days) if days else None)


def owner_key(owner: str) -> str:
    """An owner as compared with the word lists: lower case, single spaces, no surrounding punctuation."""
    return " ".join(owner.lower().split()).strip(" .,;:")


def _overrides(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """CheckConfig keyword arguments for the settings a file gives, checked against the packaged layout."""
    known = _packaged()
    values: dict[str, Any] = {}
    by_place = {place: name for name, place in _KEYS.items()}
    for table, entries in data.items():
        if table not in known or not isinstance(entries, dict):
            raise PlanError(f"unknown section [{table}]; the sections are {', '.join(known)}", source=source)
        for key, value in entries.items():
            if table == "reasons":
                continue
            name = by_place.get((table, key))
            if name is None:
                raise PlanError(f"unknown setting {key!r} in [{table}]", source=source)
            values[name] = _checked(value, known[table][key], f"[{table}] {key}", source)
    reasons = data.get("reasons", {})
    if reasons:
        values["reasons"] = {
            reason: _reason_words(known["reasons"][reason.value], reasons.get(reason.value), reason, source)
            for reason in Reason
        }
        unknown = set(reasons) - {reason.value for reason in Reason}
        if unknown:
            raise PlanError(
                f"unknown reason {sorted(unknown)[0]!r}; the reasons are {', '.join(r.value for r in Reason)}",
                source=source,
            )
    _check_patterns(values.get("measurable_patterns", ()), "[actions] measurable_patterns", source)
    disabled = values.get("disabled_rules", ())
    ids = {rule.id for rule in rules()}
    for rule_id in disabled:
        if rule_id not in ids:
            raise PlanError(f"[settings] disabled_rules names no rule {rule_id!r}", source=source)
    return values


def _checked(value: Any, default: Any, where: str, source: str) -> Any:
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise PlanError(f"{where} must be a list of words in quotes", source=source)
        return tuple(value)
    if isinstance(default, int) and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise PlanError(f"{where} must be a whole number of 0 or more", source=source)
    return value


def _check_patterns(patterns: Iterable[str], where: str, source: str) -> None:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise PlanError(f"{where}: {pattern!r} is not a valid pattern ({error})", source=source) from None


def _reason_words(
    packaged: Mapping[str, Any], given: Mapping[str, Any] | None, reason: Reason, source: str = ""
) -> ReasonWords:
    merged = dict(packaged)
    where = f"[reasons.{reason.value}]"
    for key, value in (given or {}).items():
        if key not in packaged:
            raise PlanError(f"unknown setting {key!r} in {where}", source=source)
        merged[key] = _checked(value, packaged[key], f"{where} {key}", source)
    _check_patterns(merged.get("patterns", ()), f"{where} patterns", source)
    return ReasonWords(
        names=tuple(merged["names"]), cues=tuple(merged["cues"]), patterns=tuple(merged.get("patterns", ()))
    )
