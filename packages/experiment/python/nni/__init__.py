"""archspace's stand-in for the reference's ``nni`` package: its trial API, so that trial scripts
written for the reference run unchanged under archspace (see ``nni.trial``), and ``nni.utils``'s
``merge_parameter``. Standard library only; Python 3.8 or later."""

from .trial import (
    get_current_parameter,
    get_experiment_id,
    get_next_parameter,
    get_next_parameters,
    get_parameters,
    get_sequence_id,
    get_trial_id,
    report_final_result,
    report_intermediate_result,
)

__version__ = '3.0-archspace'

__all__ = [
    'get_current_parameter',
    'get_experiment_id',
    'get_next_parameter',
    'get_next_parameters',
    'get_parameters',
    'get_sequence_id',
    'get_trial_id',
    'report_final_result',
    'report_intermediate_result',
]
