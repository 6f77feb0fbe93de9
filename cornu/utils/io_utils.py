"""Interactive logging switch and message printing used by progress output."""
import sys
import threading

_state = threading.local()


def enable_interactive_logging():
    """Print progress and messages to stdout (the default)."""
    _state.interactive = True


def disable_interactive_logging():
    """Send messages to the `logging` module instead of stdout."""
    _state.interactive = False


def is_interactive_logging_enabled():
    """True when messages go to stdout.

    Returns:
        bool.

    Example:
        >>> disable_interactive_logging(); is_interactive_logging_enabled()
        False
    """
    return getattr(_state, "interactive", True)


def print_msg(message, line_break=True):
    """Print `message` to stdout, or log it at INFO level when interactive logging is off."""
    if is_interactive_logging_enabled():
        sys.stdout.write(message + ("\n" if line_break else ""))
        sys.stdout.flush()
    else:
        import logging
        logging.getLogger("cornu").info(message)
