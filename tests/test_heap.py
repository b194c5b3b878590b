"""The collector's thresholds while a command loads a whole repository (cchc.heap)."""

from __future__ import annotations

import gc
import weakref

import pytest

from cchc import heap


def test_batch_raises_the_thresholds_for_the_block_and_restores_them():
    before = gc.get_threshold()
    with heap.batch():
        assert gc.get_threshold() == heap.BATCH
    assert gc.get_threshold() == before


class _Node:
    pass


def test_young_cycles_are_still_collected_on_their_own():
    with heap.batch():
        node = _Node()
        node.me = node  # garbage only the cycle collector frees
        gone = weakref.ref(node)
        del node
        kept = [[i] for i in range(2 * heap.BATCH[0])]  # allocations enough for a young collection
        assert gone() is None
        del kept


def test_batch_restores_the_thresholds_when_the_block_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), heap.batch():
        raise RuntimeError("hỏng")
    assert gc.get_threshold() == before
