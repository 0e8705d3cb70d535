"""Consortium suggestions: for a project idea, one fitting partner per complementary role."""

from __future__ import annotations

from dataclasses import replace

from hafen.i18n import current_lang, t
from hafen.match import signals as sg
from hafen.match.profiles import Result
from hafen.match.ranker import Matcher
from hafen.resolve import normalize as nz

# The roles a typical funded innovation project combines, in the order they are filled.
CORE_ROLES = ("research", "company", "network", "public")
OPTIONAL_ROLES = ("facility",)
POOL = 200  # how many ranked actors the roles are filled from


def _related(a: Result, b: Result, matcher: Matcher) -> bool:
    """True when one partner is a unit or member of the other: they would not add a role."""
    by_id = {p.id: p for p in matcher.profiles}
    for x, y in ((a, b), (b, a)):
        px = by_id.get(x.id)
        if px and any(
            t == "part_of" and nz.fold(o) in {nz.fold(f) for f in (y.name, *y.aliases)}
            for t, o in px.relations
        ):
            return True
    return False


def _role_reason(role: str, lang: str, weak: bool = False) -> str:
    key = f"match.partner.{role}" if role in (*CORE_ROLES, *OPTIONAL_ROLES) else "match.partner.other"
    reason = t("match.partner", lang, role=t(key, lang))
    return t("match.partner.weak", lang, reason=reason) if weak else reason


def consortium(matcher: Matcher, idea: str, size: int = 5, lang: str | None = None) -> list[Result]:
    """3-6 complementary partners for an idea, one per role, each saying why it was chosen.

    Reasons are written in ``lang`` (default: the user's language, see ``hafen.i18n``).
    """
    size = max(3, min(6, size))
    lang = lang or current_lang()
    ranked = matcher.match(idea, top=POOL, lang=lang)
    role_by_id = {p.id: sg.role_of(p) for p in matcher.profiles}
    floor = ranked[0].score * 0.15 if ranked else 0.0
    chosen: list[Result] = []
    # First every role from the good matches, then missing core roles from weaker ones.
    for floor_now, roles, weak in (
        (floor, (*CORE_ROLES, *OPTIONAL_ROLES), False),
        (0.0, CORE_ROLES, True),
    ):
        for role in roles:
            if len(chosen) >= size or any(c.role == role for c in chosen):
                continue
            for r in ranked:
                if r.score <= floor_now or role_by_id.get(r.id) != role:
                    continue
                if any(c.id == r.id or _related(c, r, matcher) for c in chosen):
                    continue
                chosen.append(replace(r, role=role, reasons=[_role_reason(role, lang, weak), *r.reasons]))
                break
    # Fewer than three roles could be filled: complete with the next best distinct actors.
    for r in ranked:
        if len(chosen) >= 3:
            break
        if r.score >= floor and all(c.id != r.id for c in chosen) and r.type != "PLACE":
            role = role_by_id.get(r.id) or "other"
            chosen.append(replace(r, role=role, reasons=[_role_reason(role, lang), *r.reasons]))
    return chosen
