"""Masks travel with tensors between layer calls.

Torch tensors and KerasTensors carry the mask as a `_keras_mask` attribute; JAX arrays
cannot hold attributes, so their masks live in the current call context, keyed by
identity, for the duration of the outermost call.
"""
from cornu.backend.common import state


def set_mask(tensor, mask):
    """Attach a mask to an eager or symbolic tensor (torch tensors carry it as an attribute)."""
    if isinstance(tensor, (list, tuple)):
        masks = mask if isinstance(mask, (list, tuple)) else [mask] * len(tensor)
        for item, item_mask in zip(tensor, masks):
            set_mask(item, item_mask)
        return
    if tensor is None or isinstance(tensor, dict):
        return
    try:
        tensor._keras_mask = mask
    except AttributeError:
        context = state.current_call_context()
        if context is not None:
            context.masks[id(tensor)] = (tensor, mask)


def get_mask(tensor):
    mask = getattr(tensor, "_keras_mask", None)
    if mask is not None:
        return mask
    context = state.current_call_context()
    if context is not None:
        entry = context.masks.get(id(tensor))
        if entry is not None and entry[0] is tensor:
            return entry[1]
    return None


def collect_masks(x):
    if isinstance(x, (list, tuple)):
        masks = [get_mask(item) for item in x]
        return None if all(m is None for m in masks) else masks
    return get_mask(x)
