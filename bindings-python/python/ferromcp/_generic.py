"""Type arguments taken as the official classes take them in annotations.

The official packages declare their generic classes with type parameters that have defaults
(``typing_extensions.TypeVar(default=...)``), and their generations differ in how many they
declare: ``Context[ServerSession, None]`` (1.x), ``Context[Lifespan]`` (2.x), ``Server[Lifespan]``
(both). One ferromcp class serves every generation, so it takes each count any of them takes.
"""

from __future__ import annotations

import types
from typing import Any, ClassVar


class Parameterized:
    """Base of a class written ``Name[...]`` in annotations: it takes
    :attr:`__type_arguments__` type arguments (a range of counts) and means itself."""

    __type_arguments__: ClassVar[range] = range(1, 2)

    def __class_getitem__(cls, item: Any) -> types.GenericAlias:
        counts = cls.__type_arguments__
        n = len(item) if isinstance(item, tuple) else 1
        if n not in counts:
            expected = f"{counts.start} to {counts.stop - 1}" if len(counts) > 1 else counts.start
            raise TypeError(f"Too {'many' if n >= counts.stop else 'few'} arguments for {cls}; "
                            f"actual {n}, expected {expected}")
        return types.GenericAlias(cls, item)
