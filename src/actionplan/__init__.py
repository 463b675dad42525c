"""actionplan: answer inspection reports with action plans, publish them and track their delivery."""

__version__ = "0.1.0"
