#!/usr/bin/python3
"""rewrite.py makes PaddleOCR's ONNX exports loadable by OpenCV 4.6's dnn module.

Usage: rewrite.py rec  IN.onnx OUT.onnx WIDTH
       rewrite.py cls  IN.onnx OUT.onnx
       rewrite.py det  IN.onnx OUT.onnx HEIGHT WIDTH
       rewrite.py mlsd IN.onnx OUT.onnx SIZE

mlsd is the M-LSD line-segment detector of the npm package jp.keijiro.mlsd (input [1,SIZE,SIZE,4],
RGB 0-255 and a channel of ones). Its graph is cut at its 16-channel head, before the decoding that
OpenCV 4.6 cannot load (a Resize whose size is computed at run time, then Equal and Cast): the caller
upsamples the head twice and decodes it (channel 7 the centre score, 8-11 the endpoint offsets).

OpenCV 4.6 cannot load the exports as shipped: their input shapes are dynamic and reshape targets are
computed at run time (Shape -> Cast -> Slice -> Concat -> Reshape), Clip takes min/max as inputs in
opset 11, and a per-channel weight multiplied into a [N, T, C] tensor (LayerNorm's scale and shift) is
applied by OpenCV along axis 1 instead of the last axis. The rewrite fixes the input shape (batch 1),
evaluates every node whose inputs are then known (constant folding, done here with numpy because
python3-onnx has no optimizer), turns Clip's inputs into attributes, and tiles those per-channel weights
to the full tensor shape. Needs only Debian's python3-onnx (and numpy, which it depends on).
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference, TensorProto


def attrs_of(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def np_dtype(onnx_type):
    return helper.tensor_dtype_to_np_dtype(onnx_type) if hasattr(helper, "tensor_dtype_to_np_dtype") \
        else onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[onnx_type]


def slice_op(x, starts, ends, axes, steps):
    if axes is None:
        axes = list(range(len(starts)))
    if steps is None:
        steps = [1] * len(starts)
    idx = [slice(None)] * x.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        a = int(a)
        if a < 0:
            a += x.ndim
        idx[a] = slice(int(s), int(e) if abs(int(e)) < 2**62 else None, int(st))
    return x[tuple(idx)]


def evaluate(node, ins, opset):
    """evaluate returns the outputs of node for constant inputs, or None when it cannot."""
    op = node.op_type
    a = attrs_of(node)
    if op == "Constant":
        return [numpy_helper.to_array(a["value"])]
    if op == "Cast":
        return [ins[0].astype(np_dtype(a["to"]))]
    if op == "Identity":
        return [ins[0]]
    if op == "Slice":
        if opset < 10:
            return [slice_op(ins[0], a["starts"], a["ends"], a.get("axes"), None)]
        return [slice_op(ins[0], ins[1], ins[2], ins[3] if len(ins) > 3 else None,
                         ins[4] if len(ins) > 4 else None)]
    if op == "Concat":
        return [np.concatenate(ins, axis=a["axis"])]
    if op == "Gather":
        return [np.take(ins[0], ins[1], axis=a.get("axis", 0))]
    if op == "Unsqueeze":
        axes = a["axes"] if "axes" in a else ins[1].tolist()
        x = ins[0]
        for ax in sorted(int(v) if v >= 0 else int(v) + x.ndim + len(axes) for v in axes):
            x = np.expand_dims(x, ax)
        return [x]
    if op == "Squeeze":
        axes = a["axes"] if "axes" in a else (ins[1].tolist() if len(ins) > 1 else None)
        return [np.squeeze(ins[0], axis=tuple(axes) if axes is not None else None)]
    if op == "Reshape":
        shape = [d if d != 0 else ins[0].shape[i] for i, d in enumerate(ins[1].tolist())]
        return [ins[0].reshape(shape)]
    if op in ("Add", "Sub", "Mul", "Div"):
        f = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}[op]
        r = f(ins[0], ins[1])
        if op == "Div" and np.issubdtype(ins[0].dtype, np.integer):
            r = np.floor_divide(ins[0], ins[1])
        return [r.astype(ins[0].dtype)]
    if op == "ConstantOfShape":
        v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
        return [np.full(ins[0].astype(np.int64).tolist(), v.ravel()[0], dtype=v.dtype)]
    if op == "Range":
        return [np.arange(ins[0], ins[1], ins[2]).astype(ins[0].dtype)]
    if op == "Transpose":
        return [np.transpose(ins[0], a.get("perm"))]
    if op == "Split":
        axis = a.get("axis", 0)
        split = a.get("split") or [ins[0].shape[axis] // len(node.output)] * len(node.output)
        return np.split(ins[0], np.cumsum(split)[:-1], axis=axis)
    return None


def shapes_of(model):
    """shapes_of returns the static shape of every value shape inference can tell."""
    inferred = shape_inference.infer_shapes(model)
    out = {}
    g = inferred.graph
    for vi in list(g.value_info) + list(g.input) + list(g.output):
        dims = vi.type.tensor_type.shape.dim
        if vi.type.tensor_type.HasField("shape") and all(d.HasField("dim_value") for d in dims):
            out[vi.name] = [d.dim_value for d in dims]
    for init in g.initializer:
        out[init.name] = list(init.dims)
    return out


def fold(model):
    """fold evaluates, until nothing changes, every node whose inputs are all known."""
    opset = max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    g = model.graph
    while True:
        consts = {i.name: numpy_helper.to_array(i) for i in g.initializer}
        shapes = shapes_of(model)
        keep, changed = [], False
        for node in g.node:
            ins = None
            if node.op_type == "Shape" and node.input[0] in shapes:
                outs = [np.array(shapes[node.input[0]], dtype=np.int64)]
            elif all(n in consts for n in node.input if n):
                ins = [consts[n] for n in node.input if n]
                outs = evaluate(node, ins, opset)
            else:
                outs = None
            if outs is None:
                keep.append(node)
                continue
            for name, val in zip(node.output, outs):
                consts[name] = val
                g.initializer.append(numpy_helper.from_array(np.asarray(val), name))
            changed = True
        if not changed:
            break
        del g.node[:]
        g.node.extend(keep)
    prune(model)


def prune(model):
    """prune drops the initializers nothing uses any more, initializers listed as graph inputs, and
    the value infos (shape inference remakes them)."""
    g = model.graph
    used = {n for node in g.node for n in node.input} | {o.name for o in g.output}
    inits = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(inits)
    init_names = {i.name for i in inits}
    inputs = [i for i in g.input if i.name not in init_names]
    del g.input[:]
    g.input.extend(inputs)
    del g.value_info[:]


def clip_attributes(model):
    """clip_attributes moves Clip's min and max from inputs to attributes (OpenCV 4.6 reads those)."""
    consts = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type != "Clip" or len(node.input) == 1:
            continue
        lo = float(consts[node.input[1]]) if len(node.input) > 1 and node.input[1] else float("-inf")
        hi = float(consts[node.input[2]]) if len(node.input) > 2 and node.input[2] else float("inf")
        del node.input[1:]
        node.attribute.extend([helper.make_attribute("min", lo), helper.make_attribute("max", hi)])
    prune(model)


def tile_channel_weights(model):
    """tile_channel_weights gives a per-channel constant of Mul/Add/Sub/Div on a rank-3 tensor the full
    shape of that tensor, so OpenCV cannot broadcast it along the wrong axis."""
    g = model.graph
    shapes = shapes_of(model)
    consts = {i.name: i for i in g.initializer}
    for node in g.node:
        if node.op_type not in ("Mul", "Add", "Sub", "Div") or len(node.input) != 2:
            continue
        for ci, vi in ((0, 1), (1, 0)):
            c, v = node.input[ci], node.input[vi]
            if c not in consts or v not in shapes or len(shapes[v]) != 3:
                continue
            arr = numpy_helper.to_array(consts[c])
            if arr.size <= 1 or list(arr.shape) == shapes[v]:
                continue
            full = np.ascontiguousarray(np.broadcast_to(arr, shapes[v])).astype(arr.dtype)
            name = c + "_tiled_" + v
            g.initializer.append(numpy_helper.from_array(full, name))
            node.input[ci] = name
    prune(model)


def fix_input(model, dims):
    inp = model.graph.input[0]
    for d, v in zip(inp.type.tensor_type.shape.dim, dims):
        d.Clear()
        d.dim_value = v
    for o in model.graph.output:
        for d in o.type.tensor_type.shape.dim:
            if not d.HasField("dim_value"):
                d.Clear()


def cut_before_last_resize(model):
    """cut_before_last_resize makes the input of the graph's last Resize its only output and drops
    the nodes that output does not need (output_shapes gives it its shape once it is known)."""
    g = model.graph
    last = [n for n in g.node if n.op_type == "Resize"][-1]
    head = last.input[0]
    need, keep = {head}, []
    for node in reversed(g.node):
        if any(o in need for o in node.output):
            keep.append(node)
            need.update(i for i in node.input if i)
    keep.reverse()
    del g.node[:]
    g.node.extend(keep)
    del g.output[:]
    g.output.extend([helper.make_tensor_value_info(head, TensorProto.FLOAT, None)])


def output_shapes(model):
    """output_shapes writes the static shape of each graph output that shape inference can tell."""
    shapes = shapes_of(model)
    for o in model.graph.output:
        if o.name in shapes:
            o.CopyFrom(helper.make_tensor_value_info(o.name, o.type.tensor_type.elem_type, shapes[o.name]))


def main(argv):
    kind, src, dst = argv[1], argv[2], argv[3]
    model = onnx.load(src)
    if kind == "rec":
        fix_input(model, [1, 3, 48, int(argv[4])])
    elif kind == "cls":
        fix_input(model, [1, 3, 48, 192])
    elif kind == "det":
        fix_input(model, [1, 3, int(argv[4]), int(argv[5])])
    elif kind == "mlsd":
        fix_input(model, [1, int(argv[4]), int(argv[4]), 4])
        cut_before_last_resize(model)
    else:
        raise SystemExit("unknown kind " + kind)
    fold(model)
    output_shapes(model)
    if kind == "mlsd":
        # M-LSD's graph is opset 11, where Clip's bounds are inputs: the checker refuses them as
        # attributes, which OpenCV 4.6 needs; check it before that step.
        onnx.checker.check_model(model)
    clip_attributes(model)
    tile_channel_weights(model)
    if kind != "mlsd":
        onnx.checker.check_model(model)
    onnx.save(model, dst)


if __name__ == "__main__":
    main(sys.argv)
