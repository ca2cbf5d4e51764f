"""Pagination: cursor lists (`Page`, `AsyncPager`) and page-numbered searches (`SearchPage`,
`SearchPager`); each pager is awaitable (the first page) and async-iterable (every item)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, TypeVar

import httpx

from ._exceptions import GigstackError

T = TypeVar("T")

__all__ = ["AsyncPager", "Page", "SearchPage", "SearchPager"]


class Page(Generic[T]):
    """One page of a list: `data`, `has_more`, `next` (cursor), `total_results`, raw `response`."""

    __slots__ = ("_fetch", "cursor", "data", "has_more", "next", "response", "total_results")

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

    def has_next_page(self) -> bool:
        return self.has_more and bool(self.next)

    async def next_page(self) -> Page[T] | None:
        """The following page, or None after the last one."""
        if not self.has_next_page():
            return None
        if self.next == self.cursor:
            raise GigstackError(f"pagination loop: the server returned cursor {self.next!r} again")
        return await self._fetch(self.next)

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return (
            f"Page(items={len(self.data)}, has_more={self.has_more}, next={self.next!r}, "
            f"total_results={self.total_results})"
        )


class AsyncPager(Generic[T]):
    """What `list(...)` returns: `await` it for the first page, `async for` it for every item.

    Pages are fetched lazily, one at a time, so memory stays flat however long the list is. A cursor
    the server already returned stops the loop with a `GigstackError` instead of spinning.
    """

    __slots__ = ("_fetch",)

    def __init__(self, fetch: Callable[[str | None], Awaitable[Page[T]]]) -> None:
        self._fetch = fetch

    def __await__(self) -> Generator[object, None, Page[T]]:
        return self._fetch(None).__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        page = await self._fetch(None)
        seen: set[str] = set()
        while True:
            yield page
            if not page.has_next_page():
                return
            cursor = page.next or ""
            if cursor in seen:
                raise GigstackError(f"pagination loop: the server returned cursor {cursor!r} again")
            seen.add(cursor)
            del page  # the previous page is freed before the next one is read
            page = await self._fetch(cursor)

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            data = page.data
            del page  # only the items stay alive while they are handed out
            for item in data:
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()


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

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            data = page.data
            del page
            for item in data:
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()


def _identity(items: list[Any]) -> list[object]:
    """What tells two pages apart: the ids of their items (the items themselves when id-less)."""
    return [getattr(item, "id", None) or getattr(item, "uuid", None) or item for item in items]
