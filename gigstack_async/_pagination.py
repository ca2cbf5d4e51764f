"""Cursor pagination: `Page` (one page) and `AsyncPager` (awaitable first page, or every item)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Generic, TypeVar

import httpx

from ._exceptions import GigstackError

T = TypeVar("T")

__all__ = ["AsyncPager", "Page"]


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
