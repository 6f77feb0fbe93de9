"""`MomentOptimizer`: the `beta_1` / `beta_2` / `epsilon` settings shared by Adam-style optimizers."""
from cornu.optimizers.optimizer import Optimizer


class MomentOptimizer(Optimizer):
    """Base of optimizers that keep decayed first/second moment estimates (Adam and kin).

    Subclasses keep their own explicit Keras signature and forward here.

    Args:
        beta_1: decay of the first moment.
        beta_2: decay of the second moment (or of the infinity norm for Adamax).
        epsilon: small constant for numerical stability.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> class MyAdam(MomentOptimizer):
        ...     def update_step(self, gradient, variable, learning_rate): ...
    """

    def __init__(self, beta_1, beta_2, epsilon, **kwargs):
        super().__init__(**kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
