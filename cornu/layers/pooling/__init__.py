"""Layer family package; public names are re-exported by `cornu.layers`."""
