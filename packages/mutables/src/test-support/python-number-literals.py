"""Writes python-number-literals.json: what CPython's float(s) and int(s) return for many strings.

Run with CPython 3.11 (the table records sys.version) from this folder:
    python3 python-number-literals.py > python-number-literals.json
Each row is [text, float(text), int(text)], results written as text so that JSON can carry them:
float results as repr() ('inf', '-0.0', 'nan'), int results as decimal digits, a refusal as the
exception's class name.
"""
import json
import random
import sys

HANDPICKED = [
    'inf', 'nan', '-Infinity', ' 1.5 ', '1_000', '1e3', '0x1f', '0b11', '0o17', '1e1_0', '1_e10', '1__0',
    '_1', '1_', '1._5', '1_.5', '1.5_', '\x1c1\x1f', '\xa01\u3000', '\ufeff1', '\u0661\u0662', '\uff11\uff12',
    '\U0001d7cf\U0001d7d0', '1.', '.5', '.', '1.e5', 'e5', '1e', '1e+', '+inf', '-nan', 'infinity',
    'INFINITY', 'iNfInItY', 'infinit', '- 5', '+-5', '1 2', '', '  ', '0_7', '007', '-0', '+0', '1e-400',
    '1e400', '\u200b1', '\x851', '\u0663.\u0665', '1E5', 'in_f', '0.000_1', '1_0.0_1e1_0', '  42 ',
    '\t\n\x0b\x0c\r1\r', '1.5', '2.9', '-2.5', '9007199254740993', '-9007199254740993',
    '9007199254740992', '18014398509481988', '1' + '0' * 22, '1' + '0' * 23, '1' + '0' * 308,
    '1' * 400, '0' * 4300 + '1', '0' * 4299 + '1', '1_' * 4300 + '1', '-' + '1' * 4300,
    '0.1', '1e-5', '4.9e-324', '2.4703282292062328e-324', '2.4703282292062327e-324', '1.7976931348623157e308',
    '1.7976931348623158e308', '1.7976931348623159e308', '+.5', '-.5e-3', '5.', '0e0', '-0.0', 'nan(1)',
    'infinityy', '+', '-', 'e', '.e1', '1e1.5', '1,5', '1\u00a0', '\u2000\u2001-3\u3000', '1\x00',
]

ALPHABET = ['0', '1', '5', '9', '_', '.', 'e', 'E', '+', '-', ' ', '\t', '\n', 'x', 'b', 'o', 'inf', 'nan',
            'Infinity', 'a', 'f', '\xa0', '\x1c', '\ufeff', '\u0661', '\U0001d7cf', '\u3000', '12', '007']


def random_text(rng):
    return ''.join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 7)))


def random_numeral(rng):
    digits = ''.join(rng.choice('0123456789') for _ in range(rng.randint(1, 40)))
    point = rng.randint(0, len(digits))
    text = digits[:point] + ('.' if rng.random() < 0.7 else '') + digits[point:]
    if rng.random() < 0.6:
        text += rng.choice('eE') + rng.choice(['', '+', '-']) + str(rng.randint(0, 330))
    return rng.choice(['', '+', '-']) + text


def result(convert, text):
    try:
        value = convert(text)
    except Exception as error:  # noqa: BLE001 - the class name is the expected result
        return type(error).__name__
    return repr(value) if isinstance(value, float) else str(value)


def main():
    rng = random.Random(20240611)
    texts = HANDPICKED + [random_text(rng) for _ in range(1500)] + [random_numeral(rng) for _ in range(800)]
    texts += [str(rng.randint(-(2 ** 70), 2 ** 70)) for _ in range(150)]
    seen = set()
    rows = []
    for text in texts:
        if text in seen:
            continue
        seen.add(text)
        rows.append(json.dumps([text, result(float, text), result(int, text)]))
    sys.stdout.write('{"python": %s, "rows": [\n%s\n]}\n' % (json.dumps(sys.version.split()[0]), ',\n'.join(rows)))


main()
