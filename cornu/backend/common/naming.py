"""Unique object names (`dense`, `dense_1`, ...) and name scopes for variable paths."""
import re
import threading

_lock = threading.Lock()
_name_counters = {}
_name_scope_stack = []


def to_snake_case(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
    return name


def uniquify(base):
    """`base` the first time it is asked for, then `base_1`, `base_2`, ..."""
    with _lock:
        count = _name_counters.get(base, 0)
        _name_counters[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def reset_names():
    with _lock:
        _name_counters.clear()


class name_scope:
    """Context manager that prefixes variable paths: `with name_scope("block"): ...`."""

    def __init__(self, name):
        if not isinstance(name, str) or not name:
            raise ValueError(f"name_scope needs a non-empty string, received {name!r}.")
        self.name = name

    def __enter__(self):
        _name_scope_stack.append(self.name)
        return self

    def __exit__(self, *exc):
        _name_scope_stack.pop()


def current_path():
    return "/".join(_name_scope_stack)
