"""`cornu.models`: Model, Sequential, Functional, cloning and loading."""
from cornu.models.functional import Functional
from cornu.models.model import Model
from cornu.models.sequential import Sequential


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Load a model saved with `model.save()` (`.keras` archive or legacy `.h5`)."""
    from cornu.saving import saving_api

    return saving_api.load_model(filepath, custom_objects=custom_objects, compile=compile,
                                 safe_mode=safe_mode)


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """A new model with the same architecture and freshly initialized weights."""
    from cornu.models.cloning import clone_model as _clone

    return _clone(model, input_tensors=input_tensors, clone_function=clone_function,
                  call_function=call_function, recursive=recursive, **kwargs)


def model_from_json(json_string, custom_objects=None):
    """Rebuild a model (new weights) from `model.to_json()`."""
    import json

    from cornu.saving import serialization_lib

    return serialization_lib.deserialize_keras_object(json.loads(json_string),
                                                      custom_objects=custom_objects)
