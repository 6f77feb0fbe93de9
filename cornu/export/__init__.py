"""`cornu.export`: self-contained inference artifacts (`model.export`, `cornu.export.load`)."""
from cornu.export.exporter import export_model
from cornu.export.served_model import ServedModel, load

__all__ = ["export_model", "load", "ServedModel"]
