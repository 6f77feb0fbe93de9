"""`cornu.layers`: every public layer, re-exported by name from its family module.

The table below is the single list of public layer names; names resolve on first
access. Aliases (`Convolution2D`, `MaxPool2D`, ...) point at the same class.
"""
import importlib

_FAMILY_MEMBERS = {
    "cornu.layers.layer": ["Layer"],
    "cornu.layers.input_spec": ["InputSpec"],
    "cornu.layers.core.input_layer": ["Input", "InputLayer"],
    "cornu.layers.core.dense": ["Dense"],
    "cornu.layers.core.einsum_dense": ["EinsumDense"],
    "cornu.layers.core.embedding": ["Embedding"],
    "cornu.layers.core.identity": ["Identity"],
    "cornu.layers.core.lambda_layer": ["Lambda"],
    "cornu.layers.core.masking": ["Masking"],
    "cornu.layers.core.wrapper": ["Wrapper"],
    "cornu.layers.activations.activation": ["Activation"],
    "cornu.layers.activations.elu": ["ELU"],
    "cornu.layers.activations.leaky_relu": ["LeakyReLU"],
    "cornu.layers.activations.prelu": ["PReLU"],
    "cornu.layers.activations.relu": ["ReLU"],
    "cornu.layers.activations.softmax": ["Softmax"],
    "cornu.layers.merging.merges": [
        "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot",
        "add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate", "dot"],
    "cornu.layers.normalization.batch_normalization": ["BatchNormalization"],
    "cornu.layers.normalization.layer_normalization": ["LayerNormalization"],
    "cornu.layers.normalization.group_normalization": ["GroupNormalization"],
    "cornu.layers.normalization.unit_normalization": ["UnitNormalization"],
    "cornu.layers.normalization.spectral_normalization": ["SpectralNormalization"],
    "cornu.layers.regularization.dropout": ["Dropout"],
    "cornu.layers.regularization.spatial_dropout": [
        "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"],
    "cornu.layers.regularization.gaussian_noise": ["GaussianNoise"],
    "cornu.layers.regularization.gaussian_dropout": ["GaussianDropout"],
    "cornu.layers.regularization.alpha_dropout": ["AlphaDropout"],
    "cornu.layers.regularization.activity_regularization": ["ActivityRegularization"],
    "cornu.layers.reshaping.flatten": ["Flatten"],
    "cornu.layers.reshaping.reshape": ["Reshape"],
    "cornu.layers.reshaping.permute": ["Permute"],
    "cornu.layers.reshaping.repeat_vector": ["RepeatVector"],
    "cornu.layers.reshaping.cropping": ["Cropping1D", "Cropping2D", "Cropping3D"],
    "cornu.layers.reshaping.zero_padding": ["ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D"],
    "cornu.layers.reshaping.up_sampling": ["UpSampling1D", "UpSampling2D", "UpSampling3D"],
    "cornu.layers.convolutional.conv": ["Conv1D", "Conv2D", "Conv3D"],
    "cornu.layers.convolutional.conv_transpose": [
        "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose"],
    "cornu.layers.convolutional.depthwise_conv": ["DepthwiseConv1D", "DepthwiseConv2D"],
    "cornu.layers.convolutional.separable_conv": ["SeparableConv1D", "SeparableConv2D"],
    "cornu.layers.pooling.pooling": [
        "MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
        "AveragePooling1D", "AveragePooling2D", "AveragePooling3D"],
    "cornu.layers.pooling.global_pooling": [
        "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D",
        "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D"],
    "cornu.layers.rnn.rnn": ["RNN"],
    "cornu.layers.rnn.stacked_cells": ["StackedRNNCells"],
    "cornu.layers.rnn.simple_rnn": ["SimpleRNN", "SimpleRNNCell"],
    "cornu.layers.rnn.lstm": ["LSTM", "LSTMCell"],
    "cornu.layers.rnn.gru": ["GRU", "GRUCell"],
    "cornu.layers.rnn.conv_lstm": ["ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"],
    "cornu.layers.rnn.bidirectional": ["Bidirectional"],
    "cornu.layers.rnn.time_distributed": ["TimeDistributed"],
    "cornu.layers.attention.multi_head_attention": ["MultiHeadAttention"],
    "cornu.layers.attention.attention": ["Attention"],
    "cornu.layers.attention.additive_attention": ["AdditiveAttention"],
    "cornu.layers.attention.grouped_query_attention": ["GroupQueryAttention"],
    "cornu.layers.preprocessing.rescaling": ["Rescaling"],
    "cornu.layers.preprocessing.normalization": ["Normalization"],
    "cornu.layers.preprocessing.category_encoding": ["CategoryEncoding"],
    "cornu.layers.preprocessing.hashing": ["Hashing"],
    "cornu.layers.preprocessing.resizing": ["Resizing"],
    "cornu.layers.preprocessing.center_crop": ["CenterCrop"],
    "cornu.layers.preprocessing.random_augmentation": [
        "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
        "RandomCrop"],
}

_ALIASES = {
    "Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
    "Convolution1DTranspose": "Conv1DTranspose", "Convolution2DTranspose": "Conv2DTranspose",
    "Convolution3DTranspose": "Conv3DTranspose",
    "SeparableConvolution1D": "SeparableConv1D", "SeparableConvolution2D": "SeparableConv2D",
    "MaxPool1D": "MaxPooling1D", "MaxPool2D": "MaxPooling2D", "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D", "AvgPool2D": "AveragePooling2D",
    "AvgPool3D": "AveragePooling3D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D", "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalMaxPool3D": "GlobalMaxPooling3D", "GlobalAvgPool1D": "GlobalAveragePooling1D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D", "GlobalAvgPool3D": "GlobalAveragePooling3D",
    "GroupedQueryAttention": "GroupQueryAttention",
}

_LOCATIONS = {name: module for module, names in _FAMILY_MEMBERS.items() for name in names}
__all__ = sorted(set(_LOCATIONS) | set(_ALIASES))


def __getattr__(name):
    target = _ALIASES.get(name, name)
    if target not in _LOCATIONS:
        raise AttributeError(f"module 'cornu.layers' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LOCATIONS[target]), target)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
