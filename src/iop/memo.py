"""Memoise a function of a text, but only for short texts.

Words, keys and numbers repeat and are worth remembering; long text seldom
repeats, and keeping it would let one process grow with all it has read. An
``lru_cache`` counts entries, not characters, so it is bounded in memory only
if every entry is short: :func:`memo_if_short` keeps at most ``maxsize`` entries
whose text has at most ``limit`` characters, and computes anything longer afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import _CacheInfo, lru_cache, update_wrapper
from typing import Concatenate, ParamSpec, Protocol, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class ShortMemo(Protocol[P, R_co]):
    """A function of a text (and maybe more) that remembers its results for short texts."""

    __name__: str
    limit: int
    """Longest text (in characters) whose results are kept."""

    @property
    def __wrapped__(self) -> Callable[Concatenate[str, P], R_co]:
        """The function itself, never memoised."""
        ...

    def __call__(self, text: str, /, *args: P.args, **kwargs: P.kwargs) -> R_co: ...

    def cache_info(self) -> _CacheInfo: ...

    def cache_clear(self) -> None: ...


def memo_if_short(limit: int, maxsize: int) -> Callable[[Callable[Concatenate[str, P], R]], ShortMemo[P, R]]:
    """Decorator: memoise in an LRU cache of ``maxsize`` entries when the first argument
    has at most ``limit`` characters; compute afresh, and keep nothing, when it is longer.

    The further arguments, if any, must be hashable and are part of the key, as with
    :func:`functools.lru_cache`.
    """

    def decorate(func: Callable[Concatenate[str, P], R]) -> ShortMemo[P, R]:
        lru = lru_cache(maxsize=maxsize)(func)
        cached = cast("Callable[Concatenate[str, P], R]", lru)  # the arguments are hashable

        def memoised(text: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
            if len(text) <= limit:
                return cached(text, *args, **kwargs)
            return func(text, *args, **kwargs)

        update_wrapper(memoised, func)  # name, docstring and __wrapped__
        wrapper = cast("ShortMemo[P, R]", memoised)
        wrapper.limit = limit
        wrapper.cache_info = lru.cache_info  # type: ignore[method-assign]
        wrapper.cache_clear = lru.cache_clear  # type: ignore[method-assign]
        return wrapper

    return decorate
