"""Query parameters, checked: a bad value is a coded 400, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request

from hafen import errors
from hafen.store.read import page as safe_page


def int_param(request: Request, name: str, default: int | None = None, minimum: int = 0) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise errors.WebError("E502", name=name, expected="an integer", value=raw[:40]) from None
    if value < minimum:
        raise errors.WebError("E502", name=name, expected=f"an integer >= {minimum}", value=raw[:40])
    return value


def paging(request: Request, default: int = 50) -> tuple[int, int]:
    limit = int_param(request, "limit", None, minimum=1)
    offset = int_param(request, "offset", 0)
    return safe_page(limit, offset, default)


def text_param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value[:500] or None


def path_id(request: Request, kind: str) -> int:
    raw = request.path_params.get("id", "")
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise errors.WebError("E501", kind=kind, id=str(raw)[:40]) from None


def listing(
    request: Request,
    read: Callable[..., dict[str, Any]],
    *,
    default: int = 50,
    texts: tuple[str, ...] = (),
    ints: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``read(limit=, offset=, **filters)`` with the paging and the filters of the query string.

    ``texts`` are text parameters passed under their own name; ``ints`` maps an integer
    parameter to the keyword it is passed as (``{"entity": "entity_id"}``).
    """
    limit, offset = paging(request, default=default)
    filters: dict[str, Any] = {name: text_param(request, name) for name in texts}
    filters.update({kwarg: int_param(request, name) for name, kwarg in (ints or {}).items()})
    return read(limit=limit, offset=offset, **filters)
