"""Pagination: cursor lists (`Page`, `AsyncPager`) and page-numbered searches (`SearchPage`,
`SearchPager`); each pager is awaitable (the first page) and async-iterable (every item)."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, TypeVar

import httpx

from ._exceptions import GigstackError

T = TypeVar("T")

__all__ = ["AsyncPager", "Page", "SearchPage", "SearchPager"]


class Page(Generic[T]):
    """One page of a list: `data`, `has_more`, `next` (cursor), `total_results`, raw `response`."""

    __slots__ = (
        "_depth",
        "_fetch",
        "_trail",
        "cursor",
        "data",
        "has_more",
        "next",
        "response",
        "total_results",
    )

    def __init__(
        self,
        data: list[T],
        *,
        has_more: bool,
        next: str | None,
        total_results: int | None,
        response: httpx.Response,
        cursor: str | None,
        fetch: Callable[[str | None], Awaitable[Page[T]]],
    ) -> None:
        self.data = data
        self.has_more = has_more
        self.next = next
        self.total_results = total_results
        self.response = response
        self.cursor = cursor  # the cursor this page was fetched with (None for the first)
        self._fetch = fetch
        # Set by the pager: how many pages came before this one, and the cursors of the list
        # seen so far (as digests: a few bytes each however long the cursors are).
        self._depth = 0
        self._trail: CursorTrail = CursorTrail()

    def has_next_page(self) -> bool:
        return self.has_more and bool(self.next)

    async def next_page(self) -> Page[T] | None:
        """The following page, or None after the last one."""
        following = self._following()
        return None if following is None else await following

    def _following(self) -> Awaitable[Page[T]] | None:
        """The fetch of the following page, checked against loops, holding no reference to this
        page: a pager frees each page before the next one arrives."""
        if not self.has_next_page():
            return None
        cursor = self.next or ""
        self._trail.check(cursor, self._depth)
        return _fetch_following(self._fetch, cursor, self._depth + 1, self._trail)

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return (
            f"Page(items={len(self.data)}, has_more={self.has_more}, next={self.next!r}, "
            f"total_results={self.total_results})"
        )


async def _fetch_following(
    fetch: Callable[[str | None], Awaitable[Page[T]]], cursor: str, depth: int, trail: CursorTrail
) -> Page[T]:
    page = await fetch(cursor)
    page._depth = depth
    page._trail = trail
    return page


class AsyncPager(Generic[T]):
    """What `list(...)` returns: `await` it for the first page, `async for` it for every item.

    Pages are fetched lazily, one at a time, so memory stays flat however long the list is. A cursor
    the server already returned earlier in the list stops the loop with a `GigstackError` instead
    of spinning, in `async for` and in `next_page()` alike. `max_pages` (given to the list method)
    ends the iteration after that many pages.
    """

    __slots__ = ("_fetch", "_max_pages")

    def __init__(
        self, fetch: Callable[[str | None], Awaitable[Page[T]]], *, max_pages: int | None = None
    ) -> None:
        if max_pages is not None and (
            isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1
        ):
            raise ValueError(f"max_pages must be an int >= 1 or None, got {max_pages!r}")
        self._fetch = fetch
        self._max_pages = max_pages

    def __await__(self) -> Generator[object, None, Page[T]]:
        return self._fetch(None).__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        page: Page[T] | None = await self._fetch(None)
        count = 0
        while page is not None:
            yield page
            count += 1
            if self._max_pages is not None and count >= self._max_pages:
                return
            following = page._following()
            del page  # the previous page is freed before the next one is read
            page = None if following is None else await following

    def __aiter__(self) -> AsyncIterator[T]:
        return _items_of(self.pages())


def _digest(cursor: str) -> bytes:
    return hashlib.blake2b(cursor.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class CursorTrail:
    """The cursors one list has been read with, as digests, each with the earliest page depth it
    was fetched at. A cursor the list already used at or before the current depth is a loop
    (A -> B -> A); reading the same page's `next_page()` twice is not."""

    __slots__ = ("_depths",)

    def __init__(self) -> None:
        self._depths: dict[bytes, int] = {}

    def check(self, cursor: str, depth: int) -> None:
        """Note that the page at `depth` leads to `cursor`, or raise if that is a loop."""
        key = _digest(cursor)
        first = self._depths.setdefault(key, depth + 1)
        if first <= depth:
            shown = cursor if len(cursor) <= 40 else cursor[:40] + "..."
            raise GigstackError(
                f"pagination loop: the server returned cursor {shown!r} again, after "
                f"{depth + 1} pages; stopped instead of reading the same pages forever"
            )


class SearchPage(Generic[T]):
    """One page of a search: `data`, `page` (from 1), `per_page`, `found` (matches in all),
    `has_more`, and the raw `response`."""

    __slots__ = ("_fetch", "data", "found", "has_more", "page", "per_page", "response")

    def __init__(
        self,
        data: list[T],
        *,
        page: int,
        per_page: int | None,
        found: int | None,
        has_more: bool,
        response: httpx.Response,
        fetch: Callable[[int], Awaitable[SearchPage[T]]],
    ) -> None:
        self.data = data
        self.page = page
        self.per_page = per_page
        self.found = found
        self.has_more = has_more
        self.response = response
        self._fetch = fetch

    def has_next_page(self) -> bool:
        return self.has_more and bool(self.data)

    async def next_page(self) -> SearchPage[T] | None:
        """The following page, or None after the last one."""
        return await self._fetch(self.page + 1) if self.has_next_page() else None

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return (
            f"SearchPage(page={self.page}, items={len(self.data)}, found={self.found}, "
            f"has_more={self.has_more})"
        )


class SearchPager(Generic[T]):
    """What `search(...)` returns: `await` it for the first page, `async for` it for every match.

    Pages are numbered; they are fetched one at a time. Iteration stops after the last page, and
    also when the server answers a page number with a page it already sent.
    """

    __slots__ = ("_fetch",)

    def __init__(self, fetch: Callable[[int | None], Awaitable[SearchPage[T]]]) -> None:
        self._fetch = fetch

    def __await__(self) -> Generator[object, None, SearchPage[T]]:
        return self._fetch(None).__await__()

    async def pages(self) -> AsyncIterator[SearchPage[T]]:
        page = await self._fetch(None)
        while True:
            yield page
            if not page.has_next_page():
                return
            number, seen = page.page, _identity(page.data)
            del page  # the previous page is freed before the next one is read
            page = await self._fetch(number + 1)
            if page.page <= number or _identity(page.data) == seen:
                return  # the server ignored the page number: the same page came back

    def __aiter__(self) -> AsyncIterator[T]:
        return _items_of(self.pages())


async def _items_of(
    pages: AsyncIterator[Page[T]] | AsyncIterator[SearchPage[T]],
) -> AsyncIterator[T]:
    """Every item of every page, for either pager."""
    async for page in pages:
        data = page.data
        del page  # only the items stay alive while they are handed out
        for item in data:
            yield item
        del data  # nor are they kept while the next page is read


def _identity(items: list[Any]) -> list[object]:
    """What tells two pages apart: the ids of their items (the items themselves when id-less)."""
    return [getattr(item, "id", None) or getattr(item, "uuid", None) or item for item in items]
