"""The trial API of the reference's ``nni`` package, for trial scripts run by archspace.

archspace puts this package first on every trial's ``PYTHONPATH``, so a script written for the
reference (``import nni``; ``nni.get_next_parameter()``; ``nni.report_final_result(acc)``) runs
unchanged. It speaks archspace's trial protocol: the environment names the trial and two files,
``ARCHSPACE_PARAMETERS_FILE`` (a JSON ``{parameter_id, parameters, ...}`` record) and
``ARCHSPACE_METRICS_FILE``, to which each result is appended as one JSON line
``{"type", "sequence", "parameter_id", "value", "timestamp"}`` whose ``value`` is the metric's JSON.

Run outside an experiment, it behaves like the reference's standalone mode: ``get_next_parameter()``
warns and returns ``{}`` (or the parameters of ``ARCHSPACE_PARAMETERS_FILE`` when that is set), and
results are printed. Standard library only; Python 3.8 or later.
"""

import json
import math
import os
import sys
import time
import warnings

__all__ = [
    'get_next_parameter',
    'get_next_parameters',
    'get_parameters',
    'get_current_parameter',
    'report_intermediate_result',
    'report_final_result',
    'get_experiment_id',
    'get_trial_id',
    'get_sequence_id',
]

_record = None
_intermediate_count = 0
_final_reported = False


def _env(name):
    value = os.environ.get(name)
    return value if value else None


def _under_experiment():
    return _env('ARCHSPACE_TRIAL_JOB_ID') is not None and _env('ARCHSPACE_METRICS_FILE') is not None


def get_experiment_id():
    """The experiment's id, or ``'STANDALONE'`` outside an experiment."""
    return _env('ARCHSPACE_EXPERIMENT_ID') or 'STANDALONE'


def get_trial_id():
    """The trial's id, or ``'STANDALONE'`` outside an experiment."""
    return _env('ARCHSPACE_TRIAL_JOB_ID') or 'STANDALONE'


def get_sequence_id():
    """The trial's sequence number in its experiment (0 outside one)."""
    try:
        return int(_env('ARCHSPACE_TRIAL_SEQ_ID') or 0)
    except ValueError:
        return 0


def _read_record(path):
    try:
        with open(path, encoding='utf-8') as handle:
            parsed = json.load(handle)
    except (OSError, ValueError) as error:
        raise RuntimeError('cannot read the trial parameters from %s: %s' % (path, error)) from error
    if isinstance(parsed, dict) and isinstance(parsed.get('parameters'), dict):
        return parsed
    # A plain parameter dict (written by hand for a standalone run) is accepted too.
    return {'parameter_id': 0, 'parameter_source': 'customized', 'parameters': parsed, 'parameter_index': 0}


def get_next_parameter():
    """The hyper-parameters of this trial, a dict: call it once, before reporting results.

    Outside an experiment it warns and returns ``{}``, as the reference does, unless
    ``ARCHSPACE_PARAMETERS_FILE`` names a file of parameters.
    """
    global _record
    path = _env('ARCHSPACE_PARAMETERS_FILE')
    if path is None:
        if _under_experiment():
            raise RuntimeError('ARCHSPACE_PARAMETERS_FILE is not set although this process runs as a trial')
        warnings.warn('nni: not running under an experiment, so there are no parameters; get_next_parameter() returns {}', stacklevel=2)
        _record = {'parameter_id': 0, 'parameter_source': 'customized', 'parameters': {}, 'parameter_index': 0}
    else:
        _record = _read_record(path)
    return _record['parameters']


# The reference's other spellings of get_next_parameter.
get_next_parameters = get_next_parameter
get_parameters = get_next_parameter


def get_current_parameter(tag=None):
    """The parameters received so far, or the one named ``tag``; ``None`` before ``get_next_parameter()``."""
    if _record is None:
        return None
    if tag is None:
        return _record['parameters']
    return _record['parameters'][tag]


def _plain(value):
    """JSON's fallback for numbers of other libraries (numpy scalars and arrays)."""
    if hasattr(value, 'item') and callable(value.item):
        try:
            return value.item()
        except (TypeError, ValueError):
            pass
    if hasattr(value, 'tolist') and callable(value.tolist):
        return value.tolist()
    raise TypeError('a metric must be JSON data; got %s' % type(value).__name__)


def _as_number(value):
    value = _plain(value) if not isinstance(value, (int, float)) and hasattr(value, 'item') else value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


_ALLOWED = 'a finite number, or a dict with a finite numeric "default"'


def _metric_json(metric):
    number = _as_number(metric)
    if number is not None:
        return json.dumps(number)
    if isinstance(metric, dict) and 'default' in metric and _as_number(metric['default']) is not None:
        return json.dumps(metric, default=_plain, allow_nan=False)
    raise TypeError('nni: the metric must be %s; got %r' % (_ALLOWED, metric))


def _emit(kind, sequence, metric):
    value = _metric_json(metric)
    path = _env('ARCHSPACE_METRICS_FILE')
    if path is None:
        label = 'Final result' if kind == 'FINAL' else 'Intermediate result #%d' % sequence
        print('[nni] %s: %s' % (label, value))
        sys.stdout.flush()
        return
    if _record is None:
        raise RuntimeError('nni.get_next_parameter() needs to be called before reporting results')
    line = json.dumps({
        'type': kind,
        'sequence': sequence,
        'parameter_id': _record.get('parameter_id', 0),
        'value': value,
        'timestamp': int(time.time() * 1000),
    })
    # One write of a whole line: the manager never reads half a metric.
    with open(path, 'a', encoding='utf-8') as handle:
        handle.write(line + '\n')


def report_intermediate_result(metric):
    """Reports an intermediate result (one per epoch, say): a number, or a dict with a numeric ``default``."""
    global _intermediate_count
    _emit('PERIODICAL', _intermediate_count, metric)
    _intermediate_count += 1


def report_final_result(metric):
    """Reports the trial's final result, once: a number, or a dict with a numeric ``default``."""
    global _final_reported
    if _final_reported:
        raise RuntimeError('nni.report_final_result() was already called in this trial')
    _emit('FINAL', 0, metric)
    _final_reported = True
