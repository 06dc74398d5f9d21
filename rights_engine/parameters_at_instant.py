"""The parameter tree at an instant, made branch by branch as it is read.

OpenFisca makes the whole tree at an instant (some 2 400 nodes) the first time a formula reads a
parameter at that instant. One household's evaluation reads some twenty instants (its month,
the twelve months of the CSS's reference period, years…) but a few branches of each: making
every tree whole was a tenth of a cold start. :class:`LazyNodeAtInstant` is OpenFisca's
:class:`~openfisca_core.parameters.ParameterNodeAtInstant` whose children are made on the first
access to any of them, each by OpenFisca's own code from the same parameters: the same values,
the same names, the same errors.
"""

from __future__ import annotations

from typing import Any

from openfisca_core.parameters import ParameterNode, ParameterNodeAtInstant

__all__ = ["LazyNodeAtInstant"]


class LazyNodeAtInstant(ParameterNodeAtInstant):
    """A node of the tree at ``instant_str`` whose children are made when first read."""

    def __init__(self, name: str, node: ParameterNode, instant_str: str) -> None:
        self._name = name
        self._instant_str = instant_str
        self._node = node

    def __getattr__(self, key: str) -> Any:
        """A child (or ``_children``) asked for before the children were made: make them,
        as :class:`ParameterNodeAtInstant` does, except that a child node is lazy too."""
        if "_children" in self.__dict__:  # made already: the key is not a child
            return super().__getattr__(key)
        children = {}
        for child_name, child in self._node.children.items():
            if isinstance(child, ParameterNode):
                at_instant = LazyNodeAtInstant(child.name, child, self._instant_str)
            else:
                at_instant = child._get_at_instant(self._instant_str)
            if at_instant is not None:
                children[child_name] = at_instant
                setattr(self, child_name, at_instant)
        # Last: another thread sees the children whole, or makes them as well.
        self._children = children
        return getattr(self, key)
