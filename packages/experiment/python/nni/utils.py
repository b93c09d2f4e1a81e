"""The helper of the reference's ``nni.utils`` that trial scripts use: ``merge_parameter``."""

__all__ = ['merge_parameter']


def _compatible(key, old, new):
    """``new`` converted to the type of ``old`` where that loses nothing; a TypeError otherwise."""
    if old is None or new is None or type(old) is type(new):
        return new
    if isinstance(old, float) and isinstance(new, int) and not isinstance(new, bool):
        return float(new)
    if isinstance(old, int) and not isinstance(old, bool) and isinstance(new, float) and new.is_integer():
        return int(new)
    raise TypeError('parameter %r is %s in the base parameters but the tuner gave %s (%r)' % (key, type(old).__name__, type(new).__name__, new))


def merge_parameter(base_params, override_params):
    """Overrides the entries of ``base_params`` (a dict, or an object such as argparse's Namespace)
    with ``override_params`` (the tuner's dict), in place, and returns it. A key that
    ``base_params`` lacks is a ValueError; a value of another type a TypeError (ints become floats
    where the base is a float)."""
    if override_params is None:
        return base_params
    is_dict = isinstance(base_params, dict)
    for key, value in override_params.items():
        present = key in base_params if is_dict else hasattr(base_params, key)
        if not present:
            raise ValueError('key %r is not in the base parameters' % (key,))
        old = base_params[key] if is_dict else getattr(base_params, key)
        value = _compatible(key, old, value)
        if is_dict:
            base_params[key] = value
        else:
            setattr(base_params, key, value)
    return base_params
