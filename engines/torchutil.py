"""Small helpers shared by the torch engines (audioldm2, musicgen, ...).

Importing this module costs nothing: it imports only the standard library, and torch or
huggingface_hub only inside the function that needs them, which an engine calls from its
``load``/``generate``. Every problem a performer can fix is an
:class:`~engines.base.EngineUnavailable` whose message says what to change.

- :func:`require` imports an engine's packages, or names the pip extra that installs them;
- :func:`model_folder` turns a ``model`` setting (a ``save_pretrained`` folder, or a hub id
  already in the local Hugging Face cache) into a folder, never downloading;
- :func:`resolve_device`, :func:`resolve_dtype`: the configured device and dtype, checked;
- :func:`seeded_generator`: a ``torch.Generator`` seeded with a take's seed (any Python int);
- :func:`set_threads`: CPU threads for torch in this process;
- :func:`guard_memory`: runs a take so that running out of GPU memory fails that take with a
  clear message and frees the cache, and the worker serves the next prompt;
- :func:`release_memory`: after unloading a model.
"""

from __future__ import annotations

import gc
import json
import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, TypeVar

from engines.base import EngineUnavailable

DTYPES = ("float32", "float16", "bfloat16")
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
SEED_MASK = 0xFFFF_FFFF_FFFF_FFFF  # torch seeds are 64-bit: negative and huge seeds wrap

T = TypeVar("T")


class OutOfMemoryError(RuntimeError):
    """A take ran out of GPU memory; the cache was emptied, the model is still loaded.

    Named like torch's own: the worker recognises the name and answers the take with the
    error code ``out_of_memory``.
    """


OutOfMemory = OutOfMemoryError  # the first name it had; musicgen catches it by that name


def install_hint(extra: str) -> str:
    """``pip install 'fragmentd[extra]'``."""
    return f"pip install 'fragmentd[{extra}]'"


def require(extra: str, *modules: str) -> list[ModuleType]:
    """Import ``modules`` (in order) or raise EngineUnavailable naming the missing one and the
    pip extra that installs it."""
    loaded = []
    for name in modules:
        try:
            loaded.append(importlib.import_module(name))
        except ImportError as e:
            raise EngineUnavailable(f"the {extra} engine needs {', '.join(modules)}; "
                                    f"{name} cannot be imported ({e}): {install_hint(extra)}") from e
    return loaded


# -- where the weights are ---------------------------------------------------------------------


def model_folder(model: str, engine: str, example: str, extra: str = "") -> Path:
    """The folder of weights that the ``model`` setting names; never downloads.

    ``model`` is an existing folder (``~`` expanded), or a hub id ``owner/name`` whose snapshot
    is already in the local Hugging Face cache (``HF_HOME``/``HF_HUB_CACHE``). ``example`` is a
    hub id to show in messages; ``extra`` the pip extra that installs huggingface_hub.
    """
    path = Path(model).expanduser()
    if path.is_dir():
        return path.resolve()
    if path.exists():
        raise EngineUnavailable(f"{engine} model {model!r} is a file; give the folder that "
                                "save_pretrained wrote (or a hub id already in the cache)")
    if not HUB_ID.match(model) or model.startswith((".", "~")):
        raise EngineUnavailable(f"{engine} model folder not found: {path} (a folder written by "
                                f"save_pretrained, or a hub id like {example} already in the "
                                "local Hugging Face cache)")
    return cached_snapshot(model, engine, extra)


def cached_snapshot(repo_id: str, engine: str, extra: str = "") -> Path:
    """The local snapshot folder of hub repo ``repo_id``; EngineUnavailable when not cached."""
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.constants import HF_HUB_CACHE
    except ImportError as e:
        raise EngineUnavailable(f"{engine} model {repo_id!r} is a hub id, and huggingface_hub "
                                f"is missing to find it in the cache ({e})"
                                + (f": {install_hint(extra)}" if extra else "")) from e
    try:
        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception as e:  # noqa: BLE001 - LocalEntryNotFoundError, HFValidationError, OSError
        raise EngineUnavailable(
            f"{engine} model {repo_id!r} is neither a folder here nor in the local Hugging Face "
            f"cache ({HF_HUB_CACHE}), and fragmentd never downloads: on a machine with a network "
            f"run `hf download {repo_id}` (huggingface_hub's CLI) and copy the cache here (or "
            f"point HF_HOME at it), or set model to a folder saved with save_pretrained "
            f"[{type(e).__name__}]") from e


# -- device, dtype, threads, seeds -------------------------------------------------------------


def resolve_device(device: str) -> Any:
    """``torch.device`` for ``cpu``, ``cuda``, ``cuda:N`` or ``mps``, checked to exist here."""
    import torch

    try:
        dev = torch.device(device)
    except (RuntimeError, TypeError) as e:
        raise EngineUnavailable(f"device {device!r} is not a torch device ({e}); use cpu, "
                                "cuda or cuda:N") from e
    if dev.type == "cuda":
        if not torch.cuda.is_available():
            why = "a CPU-only build" if torch.version.cuda is None else "built for CUDA but sees no GPU"
            raise EngineUnavailable(f"device {device!r}: torch {torch.__version__} here is {why}; "
                                    "use device = cpu")
        if dev.index is not None and dev.index >= torch.cuda.device_count():
            raise EngineUnavailable(f"device {device!r}: this machine has "
                                    f"{torch.cuda.device_count()} CUDA GPU(s), numbered from 0")
    elif dev.type == "mps":
        if not torch.backends.mps.is_available():
            raise EngineUnavailable(f"device {device!r}: Apple MPS is not available here; use cpu")
    elif dev.type != "cpu":
        raise EngineUnavailable(f"device {device!r} is not supported; use cpu, cuda, cuda:N or mps")
    return dev


def resolve_dtype(name: str, device: Any) -> Any:
    """``torch.float32`` / ``float16`` / ``bfloat16`` if ``device`` can compute in it.

    float16 is refused on the CPU (few CPUs have half-precision arithmetic: it is slow there,
    and not every operator has a CPU kernel); bfloat16 on a GPU that lacks it is refused too.
    """
    import torch

    if name not in DTYPES:
        raise EngineUnavailable(f"dtype must be one of {', '.join(DTYPES)}, got {name!r}")
    dtype = getattr(torch, name)
    kind = getattr(device, "type", str(device))
    if name == "float16" and kind == "cpu":
        raise EngineUnavailable("dtype float16 is for GPUs: on the CPU use float32 (or bfloat16 "
                                "to halve the memory)")
    if name == "bfloat16" and kind == "cuda" and not torch.cuda.is_bf16_supported():
        raise EngineUnavailable(f"dtype bfloat16: the GPU {torch.cuda.get_device_name(device)} "
                                "cannot compute in bfloat16; use float16 or float32")
    return dtype


def set_threads(threads: int) -> int:
    """Give torch ``threads`` CPU threads in this process (0: leave torch's choice); returns the
    previous count, to restore."""
    import torch

    previous = torch.get_num_threads()
    if threads > 0:
        torch.set_num_threads(int(threads))
    return previous


def seeded_generator(seed: int, device: Any = "cpu") -> Any:
    """A ``torch.Generator`` on ``device`` seeded with ``seed`` (any int: wrapped to 64 bits)."""
    import torch

    return torch.Generator(device=device).manual_seed(int(seed) & SEED_MASK)


# -- memory ------------------------------------------------------------------------------------


def release_memory() -> None:
    """Collect garbage and give cached GPU memory back to the driver (no-op without a GPU)."""
    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    mps = getattr(torch, "mps", None)
    if mps is not None and torch.backends.mps.is_available():
        mps.empty_cache()


def is_out_of_memory(e: BaseException) -> bool:
    """True for torch's OutOfMemoryError (CUDA) and the RuntimeErrors other backends raise."""
    import torch

    oom = getattr(torch, "OutOfMemoryError", None) or getattr(torch.cuda, "OutOfMemoryError", ())
    return isinstance(e, oom) or (isinstance(e, RuntimeError) and "out of memory" in str(e).lower())


def guard_memory(fn: Callable[[], T], what: str, advice: str = "") -> T:
    """``fn()``; when it runs out of GPU memory, free what it held and raise :class:`OutOfMemoryError`.

    The failed call's frames (and the tensors they hold) are released before the cache is
    emptied, so the memory really returns and the next take starts clean. ``advice`` is added
    to the message (e.g. "ask for fewer seconds").
    """
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - only memory errors are translated, others re-raised
        if not is_out_of_memory(e):
            raise
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    # the exception and its traceback are gone here: the tensors it pinned can be freed
    release_memory()
    raise OutOfMemoryError(f"out of GPU memory while {what} ({reason[:300]})"
                      + (f"; {advice}" if advice else "")
                      + "; the cache was emptied and the engine is ready for the next prompt")


def in_hf_cache(repo: str, filename: str) -> bool:
    """Whether ``repo``'s ``filename`` is in the local Hugging Face cache (never downloads)."""
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(repo, filename), str)


def hf_cache_dir() -> str:
    from huggingface_hub import constants

    return str(constants.HF_HUB_CACHE)


def t5_dim(folder: Path) -> int:
    """The ``d_model`` of the T5 encoder saved in ``folder``; EngineUnavailable if there is none."""
    try:
        return int(json.loads((folder / "config.json").read_text(encoding="utf-8"))["d_model"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise EngineUnavailable(f"{folder} does not hold a T5 encoder (config.json with d_model: "
                                f"{e!r}); save one with T5EncoderModel.save_pretrained") from e


def resolve_t5(t5_model: str, named: str, base: Path, models: list, dims: dict,
               library: str, source: str) -> str:
    """Where a T5 text conditioner loads its encoder from, offline; registered with the library.

    ``t5_model`` (the engine setting: a folder) wins over ``named`` (what the model's
    ``source``, its config or checkpoint, names). A name that is a folder (absolute, or relative
    to ``base``, the model's folder) is used as it is and registered in the library's class
    lists ``models`` / ``dims`` with the folder's ``d_model``. Any other name must be one the
    library knows and be in the Hugging Face cache. Raises EngineUnavailable naming the fix.
    """
    folder = Path(t5_model or named).expanduser()
    if not t5_model and not folder.is_absolute():
        folder = base / folder
    if folder.is_dir():
        dim = t5_dim(folder)
        if named in dims and dims[named] != dim:
            raise EngineUnavailable(
                f"the T5 in {folder} has d_model {dim} but the {source}'s T5 {named!r} has "
                f"{dims[named]}: point t5_model at a copy of {named}")
        path = str(folder.resolve())
        if path not in models:
            models.append(path)
        dims[path] = dim
        return path
    if t5_model:
        raise EngineUnavailable(f"t5_model folder not found: {folder} (a folder holding a T5 "
                                "encoder and its tokenizer, saved with save_pretrained)")
    if named not in models:
        raise EngineUnavailable(f"the {source}'s T5 {named!r} is neither a folder (looked for "
                                f"{folder}) nor a T5 {library} knows ({', '.join(models[:10])})")
    if not in_hf_cache(named, "config.json"):
        raise EngineUnavailable(
            f"the T5 text encoder {named!r} that this {source} names is not in the local "
            f"Hugging Face cache ({hf_cache_dir()}) and downloads are off: set t5_model = a "
            f"local folder holding {named} (T5EncoderModel + tokenizer, save_pretrained), or "
            f"copy a cache that has it (`hf download {named}` where there is network)")
    return named
