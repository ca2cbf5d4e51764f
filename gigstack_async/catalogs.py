"""The SAT catalogs (and other documented enums) of the spec: read-only mappings code -> meaning.

    >>> from gigstack_async import catalogs
    >>> catalogs.TAX_SYSTEM["601"]
    'General de Ley Personas Morales'

Values outside a catalog are still accepted by the SDK: the SAT revises its catalogs.
"""

from ._generated.catalog_data import *  # noqa: F403
from ._generated.catalog_data import __all__ as __all__
