"""`Embedding`: maps integer indices to dense vectors."""
from cornu import constraints, initializers, ops, regularizers
from cornu.layers.layer import Layer


class Embedding(Layer):
    """Looks up rows of an `(input_dim, output_dim)` matrix (the `embeddings` weight).

    Args:
        input_dim: vocabulary size (largest index + 1).
        output_dim: embedding size.
        embeddings_initializer / embeddings_regularizer / embeddings_constraint: for the
            weight.
        mask_zero: index 0 is padding; the layer then outputs a mask `inputs != 0` (so
            `input_dim` should be vocabulary size + 1).
        weights: optional initial `(input_dim, output_dim)` matrix.
        lora_rank, lora_alpha, quantization_config: accepted for compatibility; not supported.

    Example:
        >>> Embedding(10, 4)(np.array([[1, 2]])).shape  # (1, 2, 4)
    """

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False,
                 weights=None, lora_rank=None, lora_alpha=None, quantization_config=None,
                 **kwargs):
        super().__init__(**kwargs)
        for arg_name, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(
                    f"Embedding: `{arg_name}` must be a positive int, received "
                    f"{arg_name}={value!r}.")
        if lora_rank or quantization_config is not None:
            raise NotImplementedError(
                "Embedding: LoRA (`lora_rank`) and quantization are not supported by cornu yet.")
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.autocast = False
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha
        if weights is not None:
            self.build()
            if not isinstance(weights, (list, tuple)):
                weights = [weights]
            self.set_weights(weights)

    def build(self, input_shape=None):
        if self.built:
            return
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          name="embeddings",
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint, trainable=True)
        self.built = True

    def call(self, inputs):
        dtype = ops.dtype(inputs)
        if dtype not in ("int32", "int64", "uint8", "int16", "int8", "uint16", "uint32"):
            inputs = ops.cast(inputs, "int32")
        outputs = ops.take(self.embeddings, inputs, axis=0)
        return ops.cast(outputs, self.compute_dtype)

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def get_config(self):
        config = {
            **super().get_config(),
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
        }
        config["quantization_config"] = None
        return config
