"""Random ops rewritten to read seeded noise banks (tiny graphs built in code)."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper

from engines.onnx_noise import NoiseFeeder, feed_noise_from_inputs


def model(nodes, inputs, outputs):
    graph = helper.make_graph(nodes, "g", inputs, outputs)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
    m.ir_version = 8
    return m


def session(m):
    onnx.checker.check_model(m)
    return ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])


def x_like_model(**attrs):
    return model([helper.make_node("RandomNormalLike", ["x"], ["y"], **attrs)],
                 [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["a", "b"])],
                 [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["a", "b"])])


def test_like_op_reads_the_bank_and_short_banks_are_rerun_identically():
    m = x_like_model(mean=2.0, scale=3.0)
    banks = feed_noise_from_inputs(m)
    feeder = NoiseFeeder(session(m), banks, ["y"])
    x = np.zeros((40, 50), np.float32)
    y = feeder.run({"x": x}, (5, 0), size_hint=1.0)[0]
    assert feeder.reruns == 1  # the first bank (64 values) was too short for 2000
    expected = 2.0 + 3.0 * np.random.default_rng([5, 0, 0]).standard_normal(2000, dtype=np.float32)
    assert y.shape == (40, 50) and np.allclose(y.reshape(-1), expected, atol=1e-6)
    assert np.array_equal(feeder.run({"x": x}, (5, 0), 1.0)[0], y) and feeder.reruns == 1
    assert not np.array_equal(feeder.run({"x": x}, (6, 0), 1.0)[0], y)


def test_static_random_normal_with_other_dtype():
    m = model([helper.make_node("RandomNormal", [], ["y"], shape=[3, 4], dtype=TensorProto.DOUBLE)],
              [], [helper.make_tensor_value_info("y", TensorProto.DOUBLE, [3, 4])])
    banks = feed_noise_from_inputs(m)
    y = NoiseFeeder(session(m), banks, ["y"]).run({}, (1, 2), 1.0)[0]
    expected = np.random.default_rng([1, 2, 0]).standard_normal(12, dtype=np.float32)
    assert y.dtype == np.float64 and np.array_equal(y.reshape(-1), expected.astype(np.float64))


def test_uniform_ops_and_subgraph_ops_are_refused():
    uniform = model([helper.make_node("RandomUniformLike", ["x"], ["y"])],
                    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    with pytest.raises(ValueError, match="RandomUniformLike"):
        feed_noise_from_inputs(uniform)
    branch = helper.make_graph([helper.make_node("RandomNormal", [], ["r"], shape=[2])], "b", [],
                               [helper.make_tensor_value_info("r", TensorProto.FLOAT, [2])])
    nested = model([helper.make_node("If", ["c"], ["y"], then_branch=branch, else_branch=branch)],
                   [helper.make_tensor_value_info("c", TensorProto.BOOL, [])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    with pytest.raises(ValueError, match="subgraph"):
        feed_noise_from_inputs(nested)
