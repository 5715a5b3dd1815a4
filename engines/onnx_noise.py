"""Seedable ONNX graphs: random ops rewritten to take their noise from graph inputs.

onnxruntime seeds its random ops once, when a session is created, so one warm session gives a
different take for the same seed on every call. A performer expects "same seed, same take", and
the seed is archived with the take. :func:`feed_noise_from_inputs` rewrites a model in memory
so that each ``RandomNormal`` / ``RandomNormalLike`` node reads its values from a new 1-D float
input (a *noise bank*) instead; the caller fills the banks from ``numpy.random.default_rng``.

Each rewritten op becomes ``Reshape(Slice(Concat(bank, zeros(n)), 0, n), shape) * scale + mean``
with ``n`` the op's element count, and ``n`` is added as a graph output named
``<bank>_needed``. A bank shorter than ``n`` never fails the run: the caller sees the shortfall
and runs again with a longer bank. Because ``standard_normal`` draws values in sequence, a
longer bank from the same seed starts with the same values, so the result is identical.

Needs the ``onnx`` package; imported only by code that calls it (engine ``load``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

NORMAL_OPS = ("RandomNormal", "RandomNormalLike")
RANDOM_OPS = NORMAL_OPS + ("RandomUniform", "RandomUniformLike", "Multinomial", "Bernoulli")


@dataclass(frozen=True)
class NoiseBank:
    """One graph input that replaced one random op."""

    input: str  # the 1-D float32 input to feed
    needed: str  # the int64 scalar output: how many values the op used
    op: str  # the original node's name, for messages


def feed_noise_from_inputs(model: Any) -> list[NoiseBank]:
    """Rewrite every normal random op of ``model`` (an ``onnx.ModelProto``) in place.

    Raises ValueError when the graph holds random ops this cannot rewrite (uniform ones, or any
    inside an If/Loop subgraph): the caller must then not claim reproducible seeds.
    """
    import onnx
    from onnx import TensorProto, helper

    graph = model.graph
    _refuse_unsupported(graph, top=True)
    banks: list[NoiseBank] = []
    nodes = []
    for node in graph.node:
        if node.op_type not in NORMAL_OPS:
            nodes.append(node)
            continue
        bank = NoiseBank(f"fragmentd_noise_{len(banks)}", f"fragmentd_noise_{len(banks)}_needed",
                         node.name or node.output[0])
        nodes.extend(_replacement_nodes(node, bank, graph, helper, TensorProto, onnx))
        graph.input.append(helper.make_tensor_value_info(bank.input, TensorProto.FLOAT,
                                                         [f"{bank.input}_len"]))
        graph.output.append(helper.make_tensor_value_info(bank.needed, TensorProto.INT64, []))
        banks.append(bank)
    del graph.node[:]
    graph.node.extend(nodes)
    return banks


def _refuse_unsupported(graph: Any, top: bool) -> None:
    for node in graph.node:
        if node.op_type in RANDOM_OPS and (not top or node.op_type not in NORMAL_OPS):
            where = "top-level graph" if top else "subgraph"
            raise ValueError(f"cannot seed {node.op_type} node {node.name!r} in the {where}")
        for attr in node.attribute:
            for sub in ([attr.g] if attr.HasField("g") else []) + list(attr.graphs):
                _refuse_unsupported(sub, top=False)


def _replacement_nodes(node: Any, bank: NoiseBank, graph: Any, helper: Any, tp: Any, onnx: Any) -> list:
    """Nodes computing the op's output from ``bank`` (same output name, so consumers are untouched)."""
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    p = bank.input  # prefix for every new name
    out = []

    def const(name: str, values: list, dtype: Any) -> str:
        graph.initializer.append(helper.make_tensor(f"{p}_{name}", dtype, [len(values)], values))
        return f"{p}_{name}"

    if node.op_type == "RandomNormalLike":
        out.append(helper.make_node("Shape", [node.input[0]], [f"{p}_shape"]))
    else:
        shape = [int(d) for d in attrs["shape"]]
        const("shape", shape, tp.INT64)
    out += [
        helper.make_node("ReduceProd", [f"{p}_shape"], [f"{p}_n1"], keepdims=1),
        helper.make_node("ConstantOfShape", [f"{p}_n1"], [f"{p}_zeros"],
                         value=helper.make_tensor("zero", tp.FLOAT, [1], [0.0])),
        helper.make_node("Concat", [p, f"{p}_zeros"], [f"{p}_padded"], axis=0),
        helper.make_node("Slice", [f"{p}_padded", const("start", [0], tp.INT64), f"{p}_n1"],
                         [f"{p}_values"]),
        helper.make_node("Reshape", [f"{p}_n1", const("scalar", [], tp.INT64)], [bank.needed]),
    ]
    value = f"{p}_normal"
    out.append(helper.make_node("Reshape", [f"{p}_values", f"{p}_shape"], [value]))
    scale, mean = float(attrs.get("scale", 1.0)), float(attrs.get("mean", 0.0))
    if scale != 1.0:
        out.append(helper.make_node("Mul", [value, const("scale", [scale], tp.FLOAT)], [f"{p}_scaled"]))
        value = f"{p}_scaled"
    if mean != 0.0:
        out.append(helper.make_node("Add", [value, const("mean", [mean], tp.FLOAT)], [f"{p}_shifted"]))
        value = f"{p}_shifted"
    dtype = attrs.get("dtype", tp.FLOAT)  # RandomNormalLike without dtype copies its input's
    if dtype != tp.FLOAT:
        out.append(helper.make_node("Cast", [value], [node.output[0]], to=dtype))
    else:
        out.append(helper.make_node("Identity", [value], [node.output[0]]))
    return out


class NoiseFeeder:
    """Fills the noise banks of one rewritten session from a seed, sizing them by experience.

    ``run(feeds, key, size_hint)`` draws each bank from ``default_rng([*key, bank_index])``,
    runs the session, and runs again with exact sizes if a bank was short. ``size_hint`` (e.g.
    the number of phoneme ids) scales the learned values-per-hint ratio, so reruns are rare.
    """

    def __init__(self, session: Any, banks: list[NoiseBank], outputs: list[str]) -> None:
        self.session = session
        self.banks = banks
        self.outputs = outputs
        self._ratio = [0.0] * len(banks)  # most values per unit of size_hint seen so far
        self.reruns = 0

    def run(self, feeds: dict[str, np.ndarray], key: tuple[int, ...], size_hint: float) -> list:
        sizes = [int(r * size_hint * 1.25) + 64 for r in self._ratio]
        while True:
            for i, bank in enumerate(self.banks):
                rng = np.random.default_rng([*key, i])
                feeds[bank.input] = rng.standard_normal(sizes[i], dtype=np.float32)
            result = self.session.run(self.outputs + [b.needed for b in self.banks], feeds)
            needed = [int(n) for n in result[len(self.outputs):]]
            for i, n in enumerate(needed):
                self._ratio[i] = max(self._ratio[i], n / max(size_hint, 1e-9))
            if all(n <= s for n, s in zip(needed, sizes)):
                return result[: len(self.outputs)]
            self.reruns += 1
            sizes = [max(n, s) for n, s in zip(needed, sizes)]
