"""Training machinery: the fit/evaluate/predict loop, compile wiring and data adapters."""
