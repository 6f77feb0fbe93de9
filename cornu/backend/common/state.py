"""The one place that holds call-time state.

- `StatelessScope`: variable values substituted by explicit arrays; `assign` is
  recorded in the scope instead of mutating the variable (JAX trainer,
  `stateless_call`).
- `SymbolicScope`: active while shapes are inferred on abstract values; `assign`
  and `add_loss` are ignored there.
- `AutocastScope`: inside a mixed-precision layer call, floating variables are read
  in the layer's compute dtype (the stored value keeps the variable dtype).
- The call context: the `training` flag of the outermost layer call and the
  losses collected during that call.
"""

_stateless_stack = []
_symbolic_depth = [0]
# Compute dtypes of the layer calls in progress (None: no casting). While the innermost
# entry is a dtype, autocast variables are read in it (mixed precision).
_autocast_stack = []
_call_stack = []
# Bumped on every direct (non-stateless) variable assignment, so cached step state can
# tell cheaply whether anything changed under it.
assign_count = [0]
# When a list is pushed here, variables read inside a stateless scope without a
# substituted value are recorded (a jitted step captures them as constants).
_capture_stack = []


class capture_unmapped_reads:
    def __enter__(self):
        self.variables = {}
        _capture_stack.append(self.variables)
        return self

    def __exit__(self, *exc):
        _capture_stack.pop()


class StatelessScope:
    def __init__(self, state_mapping=None):
        self._values = {}
        for variable, value in state_mapping or ():
            self._values[id(variable)] = value
        self._assigned = {}

    def __enter__(self):
        _stateless_stack.append(self)
        return self

    def __exit__(self, *exc):
        _stateless_stack.pop()

    def get_current_value(self, variable):
        key = id(variable)
        if key in self._assigned:
            return self._assigned[key][1]
        return self._values.get(key)

    def add_update(self, variable, value):
        self._assigned[id(variable)] = (variable, value)

    def updated_value(self, variable):
        entry = self._assigned.get(id(variable))
        return None if entry is None else entry[1]


def current_stateless_scope():
    return _stateless_stack[-1] if _stateless_stack else None


def in_stateless_scope():
    return bool(_stateless_stack)


class SymbolicScope:
    def __enter__(self):
        _symbolic_depth[0] += 1
        return self

    def __exit__(self, *exc):
        _symbolic_depth[0] -= 1


def in_symbolic_scope():
    return _symbolic_depth[0] > 0


class CallContext:
    """Pushed by the outermost `Layer.__call__`; nested calls share it."""

    __slots__ = ("training", "entry_layer", "losses", "masks")

    def __init__(self, entry_layer, training):
        self.entry_layer = entry_layer
        self.training = training
        self.losses = []
        self.masks = {}


def current_call_context():
    return _call_stack[-1] if _call_stack else None


def push_call_context(context):
    _call_stack.append(context)


def pop_call_context():
    _call_stack.pop()


class AutocastScope:
    """Read autocast floating variables in `dtype` (None: as stored) inside the scope."""

    def __init__(self, dtype):
        self.dtype = dtype

    def __enter__(self):
        _autocast_stack.append(self.dtype)
        return self

    def __exit__(self, *exc):
        _autocast_stack.pop()
