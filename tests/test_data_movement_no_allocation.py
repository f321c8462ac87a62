"""invoke() of the data-movement and indexing kernels allocates nothing: one small model per
op (from the op test modules' builders), run under the preloaded malloc counter."""
import numpy as np

import test_gather_ops as gather
import test_space_ops as space
import test_split_pack_ops as split
from test_no_allocation import invoke_malloc_counts

MODELS = {
    "split": lambda: split._split_model([4, 6], 1, 2, "FLOAT32"),
    "split_v": lambda: split._split_model([3, 7], -1, [1, 4, 2], "INT8", "SPLIT_V"),
    "unpack": lambda: split._unpack_model([3, 2, 4], 1, "INT16"),
    "pack": lambda: split._pack_model([2, 3], 3, 1, "INT32"),
    "fill": lambda: split._fill_model([2, 3, 4], "FLOAT32"),
    "zeros_like": lambda: split._zeros_like_model([2, 3], "INT64"),
    "broadcast_to": lambda: split._broadcast_to_model([3, 1], [2, 3, 4], "INT8"),
    "broadcast_args": lambda: split._broadcast_args_model(3, 2, 3),
    "space_to_depth": lambda: space._block_model("SPACE_TO_DEPTH", [1, 4, 6, 2], 2, "INT8"),
    "depth_to_space": lambda: space._block_model("DEPTH_TO_SPACE", [1, 2, 3, 8], 2, "FLOAT32"),
    "space_to_batch": lambda: space._space_batch_model("SPACE_TO_BATCH_ND", [1, 2, 3, 3], [3, 2],
                                                       [[2, 2], [1, 0]], "INT8"),
    "batch_to_space": lambda: space._space_batch_model("BATCH_TO_SPACE_ND", [12, 2, 3, 2],
                                                       [2, 3], [[1, 0], [0, 2]], "FLOAT32"),
    "mirror_pad": lambda: space._mirror_pad_model([2, 3, 4], [[1, 1], [0, 2], [3, 1]],
                                                  "SYMMETRIC", "INT8"),
    "gather": lambda: gather._gather_model([2, 3, 4], [2, 5], 1, "FLOAT32", batch_dims=1),
    "gather_nd": lambda: gather._gather_nd_model([2, 3, 4], [2, 2, 2], "INT8"),
    "embedding_lookup": lambda: gather._embedding_model(
        [6, 5], 4, "INT8", "FLOAT32", table=np.ones([6, 5], np.int8),
        table_quant={"scale": 0.5, "zero_point": 0}),
}


def test_data_movement_invokes_allocate_nothing(tmp_path):
    paths = []
    for name, make in MODELS.items():
        path = tmp_path / f"{name}.tflite"
        path.write_bytes(make())
        paths.append(str(path))
    assert invoke_malloc_counts(paths, tmp_path) == {p: 0 for p in paths}
