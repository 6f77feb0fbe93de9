"""`Initializer`: the base class of everything that produces a variable's initial value."""


class Initializer:
    """Base class: subclasses implement `__call__(shape, dtype=None)`.

    Example:
        >>> class Fives(Initializer):
        ...     def __call__(self, shape, dtype=None):
        ...         return 5.0 * cornu.ops.ones(shape, dtype=dtype)
    """

    def __call__(self, shape, dtype=None):
        raise NotImplementedError(
            f"Initializer subclass {type(self).__name__} must implement `__call__`.")

    def get_config(self):
        """Constructor arguments as a JSON-compatible dict."""
        return {}

    @classmethod
    def from_config(cls, config):
        """Recreate the initializer from `get_config()`'s output."""
        return cls(**config)

    def clone(self):
        return self.__class__.from_config(self.get_config())
