"""Module-level `__getattr__`/`__dir__` for packages whose public names load on first access.

Packages such as `cornu.utils` and `cornu.preprocessing` re-export names that live in
heavier modules; resolving them lazily keeps `import cornu` fast.
"""
import importlib
import sys


def lazy_exports(package_name, names, submodules=()):
    """Build the `__getattr__` and `__dir__` of a lazily re-exporting package.

    Args:
        package_name: the package's `__name__`; it must define `__all__`.
        names: mapping of public name -> `(defining module, attribute in that module)`.
        submodules: names of the package's own submodules to import on access.

    Returns:
        `(__getattr__, __dir__)`; assign both at the package's module level. A resolved
        value is cached in the package so later lookups skip `__getattr__`.

    Example:
        >>> __getattr__, __dir__ = lazy_exports(__name__, {"to_categorical": (
        ...     "cornu.utils.numerical_utils", "to_categorical")})
    """
    def __getattr__(name):
        if name in submodules:
            value = importlib.import_module(f"{package_name}.{name}")
        elif name in names:
            module_name, attribute = names[name]
            value = getattr(importlib.import_module(module_name), attribute)
        else:
            raise AttributeError(f"module {package_name!r} has no attribute {name!r}")
        setattr(sys.modules[package_name], name, value)
        return value

    def __dir__():
        package = sys.modules[package_name]
        return sorted(set(vars(package)) | set(package.__all__))

    return __getattr__, __dir__
