# archspace's annotation runtime for Python: the precompiler embeds this text in each rewritten
# file (one exec line), which defines the class _archspace that the rewritten annotations call.
# Under an experiment the values are the trial's parameters, from the nni module; standalone
# (no parameters) each one is drawn at random, seeded by ARCHSPACE_ANNOTATION_SEED and its key.
class _archspace:
    import math as _math, os as _os, random as _random
    try:
        import nni as _nni
    except ImportError:
        _nni = None
    _parameters = None
    _drawn = {}

    @classmethod
    def _under_experiment(cls):
        return bool(cls._os.environ.get("ARCHSPACE_TRIAL_JOB_ID")) and bool(cls._os.environ.get("ARCHSPACE_METRICS_FILE"))

    @classmethod
    def _params(cls):
        if cls._parameters is None:
            if cls._nni is None:
                if cls._under_experiment():
                    raise ImportError("annotated trial code needs the nni module (archspace puts it on the trial's PYTHONPATH)")
                cls._parameters = {}
            else:
                current = None
                try:
                    current = cls._nni.get_current_parameter()
                except Exception:
                    current = None
                if current is None:
                    current = cls._nni.get_next_parameter()
                cls._parameters = current if isinstance(current, dict) else {}
        return cls._parameters

    @classmethod
    def _value(cls, key, kind, values):
        params = cls._params()
        if key in params:
            return params[key]
        if cls._under_experiment():
            raise KeyError("the trial's parameters have no %r: the search space does not match the annotated code" % key)
        if key not in cls._drawn:
            rng = cls._random.Random("%s/%s" % (cls._os.environ.get("ARCHSPACE_ANNOTATION_SEED", "0"), key))
            cls._drawn[key] = cls._draw(rng, kind, values)
        return cls._drawn[key]

    @classmethod
    def _draw(cls, rng, kind, values):
        if kind == "choice":
            return values[rng.randrange(len(values))]
        if kind == "randint":
            return rng.randrange(values[0], values[1])
        if kind.endswith("normal"):
            value = rng.gauss(values[0], values[1])
            if "log" in kind:
                value = cls._math.exp(value)
            if kind.startswith("q"):
                value = round(value / values[2]) * values[2]
            return value
        low, high = values[0], values[1]
        if "log" in kind:
            value = cls._math.exp(rng.uniform(cls._math.log(low), cls._math.log(high)))
        else:
            value = rng.uniform(low, high)
        if kind.startswith("q"):
            value = round(value / values[2]) * values[2]
        return min(max(value, low), high)

    @classmethod
    def _index(cls, key, values, value):
        for index, candidate in enumerate(values):
            # True is not 1 here, as in JSON.
            if candidate == value and isinstance(candidate, bool) == isinstance(value, bool):
                return index
        raise ValueError("the parameter %r = %r is not one of %r" % (key, value, values))

    @classmethod
    def choice(cls, key, values, options=None):
        index = cls._index(key, values, cls._value(key, "choice", values))
        return (values if options is None else options)[index]

    @classmethod
    def sample(cls, key, kind, values):
        return cls._value(key, kind, values)

    @classmethod
    def function_choice(cls, key, names, calls):
        return calls[cls._index(key, names, cls._value(key, "choice", names))]()

    @classmethod
    def get_next_parameter(cls):
        cls._params()

    @classmethod
    def _report(cls, name, words, metric):
        cls._params()
        if cls._nni is None:
            print("[archspace] %s: %r" % (words, metric))
        else:
            getattr(cls._nni, name)(metric)

    @classmethod
    def report_intermediate_result(cls, metric):
        cls._report("report_intermediate_result", "intermediate result", metric)

    @classmethod
    def report_final_result(cls, metric):
        cls._report("report_final_result", "final result", metric)
