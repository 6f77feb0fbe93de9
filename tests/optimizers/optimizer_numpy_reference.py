"""Hand-written NumPy versions of the Keras 3 update rules (float64), one step at a time."""
import numpy as np


class Reference:
    """Holds per-variable state; `step(weights, grads)` returns the new weights."""

    def __init__(self, rule, **hyper):
        self.rule = rule
        self.hyper = hyper
        self.state = {}
        self.t = 0

    def step(self, weights, grads):
        self.t += 1
        new = []
        for index, (w, g) in enumerate(zip(weights, grads)):
            slots = self.state.setdefault(index, {})
            new.append(self.rule(np.asarray(w, "float64"), np.asarray(g, "float64"), slots,
                                 self.t, **self.hyper))
        self._after_step()
        return new

    def _after_step(self):
        pass


def sgd(w, g, s, t, learning_rate=0.01, momentum=0.0, nesterov=False):
    if momentum == 0:
        return w - learning_rate * g
    m = s.get("m", np.zeros_like(w))
    m = momentum * m - learning_rate * g
    s["m"] = m
    if nesterov:
        return w + momentum * m - learning_rate * g
    return w + m


def adam(w, g, s, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
         amsgrad=False):
    m = s.get("m", np.zeros_like(w))
    v = s.get("v", np.zeros_like(w))
    m = m + (g - m) * (1 - beta_1)
    v = v + (g * g - v) * (1 - beta_2)
    s["m"], s["v"] = m, v
    if amsgrad:
        v = np.maximum(s.get("vhat", np.zeros_like(w)), v)
        s["vhat"] = v
    alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    return w - alpha * m / (np.sqrt(v) + epsilon)


def adamw(w, g, s, t, learning_rate=0.001, weight_decay=0.004, **kwargs):
    w = w - w * weight_decay * learning_rate
    return adam(w, g, s, t, learning_rate=learning_rate, **kwargs)


def rmsprop(w, g, s, t, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
            centered=False):
    v = rho * s.get("v", np.zeros_like(w)) + (1 - rho) * g * g
    s["v"] = v
    if centered:
        a = rho * s.get("a", np.zeros_like(w)) + (1 - rho) * g
        s["a"] = a
        denominator = v - a * a + epsilon
    else:
        denominator = v + epsilon
    increment = learning_rate * g / np.sqrt(denominator)
    if momentum > 0:
        mom = momentum * s.get("mom", np.zeros_like(w)) + increment
        s["mom"] = mom
        return w - mom
    return w - increment


def adagrad(w, g, s, t, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    acc = s.get("acc", np.full_like(w, initial_accumulator_value)) + g * g
    s["acc"] = acc
    return w - learning_rate * g / np.sqrt(acc + epsilon)


def adadelta(w, g, s, t, learning_rate=0.001, rho=0.95, epsilon=1e-7):
    eg = rho * s.get("eg", np.zeros_like(w)) + (1 - rho) * g * g
    edx = s.get("edx", np.zeros_like(w))
    delta = -np.sqrt(edx + epsilon) / np.sqrt(eg + epsilon) * g
    s["eg"], s["edx"] = eg, rho * edx + (1 - rho) * delta * delta
    return w + learning_rate * delta


def adamax(w, g, s, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = s.get("m", np.zeros_like(w))
    m = m + (g - m) * (1 - beta_1)
    u = np.maximum(beta_2 * s.get("u", np.zeros_like(w)), np.abs(g))
    s["m"], s["u"] = m, u
    return w - learning_rate * m / ((1 - beta_1 ** t) * (u + epsilon))


class NadamReference(Reference):
    """Nadam needs the product of the momentum schedule across steps (shared by variables)."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        super().__init__(self._rule, learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2,
                         epsilon=epsilon)
        self.u_product = 1.0

    def step(self, weights, grads):
        beta_1 = self.hyper["beta_1"]
        self.u_product *= beta_1 * (1 - 0.5 * 0.96 ** (self.t + 1))
        return super().step(weights, grads)

    def _rule(self, w, g, s, t, learning_rate, beta_1, beta_2, epsilon):
        u_t = beta_1 * (1 - 0.5 * 0.96 ** t)
        u_next = beta_1 * (1 - 0.5 * 0.96 ** (t + 1))
        m = s.get("m", np.zeros_like(w))
        v = s.get("v", np.zeros_like(w))
        m = m + (g - m) * (1 - beta_1)
        v = v + (g * g - v) * (1 - beta_2)
        s["m"], s["v"] = m, v
        m_hat = u_next * m / (1 - self.u_product * u_next) + (1 - u_t) * g / (1 - self.u_product)
        v_hat = v / (1 - beta_2 ** t)
        return w - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)


def ftrl(w, g, s, t, learning_rate=0.001, learning_rate_power=-0.5,
         initial_accumulator_value=0.1, l1_regularization_strength=0.0,
         l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0, beta=0.0):
    acc = s.get("acc", np.full_like(w, initial_accumulator_value))
    lin = s.get("lin", np.zeros_like(w))
    p = -learning_rate_power
    l2 = l2_regularization_strength + beta / (2 * learning_rate)
    g_shrunk = g + 2 * l2_shrinkage_regularization_strength * w
    new_acc = acc + g * g
    lin = lin + g_shrunk - (new_acc ** p - acc ** p) / learning_rate * w
    quadratic = new_acc ** p / learning_rate + 2 * l2
    l1 = l1_regularization_strength
    s["acc"], s["lin"] = new_acc, lin
    return (np.clip(lin, -l1, l1) - lin) / quadratic


def lion(w, g, s, t, learning_rate=0.001, beta_1=0.9, beta_2=0.99):
    m = s.get("m", np.zeros_like(w))
    w = w - learning_rate * np.sign(m * beta_1 + g * (1 - beta_1))
    s["m"] = m * beta_2 + g * (1 - beta_2)
    return w


def lamb(w, g, s, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = s.get("m", np.zeros_like(w))
    v = s.get("v", np.zeros_like(w))
    m = m + (g - m) * (1 - beta_1)
    v = v + (g * g - v) * (1 - beta_2)
    s["m"], s["v"] = m, v
    update = (m / (1 - beta_1 ** t)) / (np.sqrt(v / (1 - beta_2 ** t)) + epsilon)
    w_norm, u_norm = np.linalg.norm(w), np.linalg.norm(update)
    ratio = w_norm / u_norm if (w_norm > 0 and u_norm > 0) else 1.0
    return w - learning_rate * ratio * update


def adafactor(w, g, s, t, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30,
              epsilon_2=1e-3, clip_threshold=1.0, relative_step=True):
    rms = lambda x: np.sqrt(np.mean(x * x))  # noqa: E731
    lr = min(learning_rate, 1 / np.sqrt(t)) if relative_step else learning_rate
    rho_t = min(lr, 1 / np.sqrt(t))
    alpha_t = max(epsilon_2, rms(w)) * rho_t
    sq = g * g + epsilon_1
    beta_2_t = 1 - t ** beta_2_decay
    if w.ndim >= 2:
        r = beta_2_t * s.get("r", np.zeros(w.shape[:-1])) + (1 - beta_2_t) * sq.mean(axis=-1)
        c = beta_2_t * s.get("c", np.zeros(w.shape[:-2] + w.shape[-1:])) + (
            1 - beta_2_t) * sq.mean(axis=-2)
        s["r"], s["c"] = r, c
        v = (r / r.mean(axis=-1, keepdims=True))[..., None] * c[..., None, :]
    else:
        v = beta_2_t * s.get("v", np.zeros_like(w)) + (1 - beta_2_t) * sq
        s["v"] = v
    u = g / np.sqrt(v)
    u_hat = u / max(1.0, rms(u) / clip_threshold)
    return w - alpha_t * u_hat
