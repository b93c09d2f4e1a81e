"""Finds the annotations of Python files for archspace's precompiler, with Python's own `ast`.

Reads a JSON list of file paths on stdin and writes one JSON report per file (a list) on stdout.
An annotation is a string statement whose text starts with "@nni.". For each one the report holds
the annotation's call, parsed into plain expressions, and what the next statement is: the range of
an assignment's value, and the ranges of calls that match a function_choice alternative. Positions
are 1-based lines and 0-based UTF-16 offsets into the file's text, so the TypeScript side can cut the
text without knowing Python. The script decides nothing: every check is made by the caller.
"""
import ast
import json
import math
import sys

ANNOTATION_PREFIX = "@nni."


class Positions:
    """Turns ast positions (line, UTF-8 byte column) into UTF-16 offsets of the whole text."""

    def __init__(self, source):
        self.lines = source.split(b"\n")
        self.starts = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += utf16_length(line) + 1

    def offset(self, line, byte_column):
        # ast counts columns of the first line after a byte-order mark; the text keeps the mark.
        if line == 1 and self.lines[0].startswith(b"\xef\xbb\xbf"):
            byte_column += 3
        return self.starts[line - 1] + utf16_length(self.lines[line - 1][:byte_column])


def utf16_length(data):
    return len(data.decode("utf-8", errors="replace").encode("utf-16-le")) // 2


def json_literal(node):
    """The node's value when it is a literal that JSON can hold, else None (and a flag)."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None
    return plain(value)


def plain(value):
    if value is None or isinstance(value, (bool, str)):
        return True, value
    if isinstance(value, int):
        return (True, value) if abs(value) <= 2 ** 53 else (False, None)
    if isinstance(value, float):
        return (True, value) if math.isfinite(value) else (False, None)
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            ok, item_value = plain(item)
            if not ok:
                return False, None
            out.append(item_value)
        return True, out
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            ok, item_value = plain(item)
            if not isinstance(key, str) or not ok:
                return False, None
            out[key] = item_value
        return True, out
    return False, None


def dotted(node):
    """`nni.choice` for an attribute chain of names, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def expression(node, text):
    """A plain description of an expression of an annotation's text: its source, its value when it is a literal, its call."""
    out = {"source": ast.get_source_segment(text, node) or ast.unparse(node)}
    ok, value = json_literal(node)
    if ok:
        out["value"] = value
    if isinstance(node, ast.Call):
        callee = dotted(node.func)
        if callee is not None:
            out["callee"] = callee
        out["args"] = [expression(arg, text) for arg in node.args]
        out["keywords"] = [{"name": keyword.arg, "value": expression(keyword.value, text)} for keyword in node.keywords]
    return out


def annotation_text(statement):
    if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Constant):
        return None
    value = statement.value.value
    if not isinstance(value, str) or not value.strip().startswith(ANNOTATION_PREFIX):
        return None
    return value.strip()


def node_range(node, positions):
    return [positions.offset(node.lineno, node.col_offset), positions.offset(node.end_lineno, node.end_col_offset)]


def describe_next(statement, positions, alternatives):
    if statement is None:
        return None
    out = {"line": statement.lineno, "column": statement.col_offset + 1}
    if annotation_text(statement) is not None:
        out["kind"] = "annotation"
        return out
    target = None
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target = statement.target
    if target is not None:
        out["kind"] = "assignment"
        out["target"] = ast.unparse(target)
        out["value"] = node_range(statement.value, positions)
    else:
        out["kind"] = "statement"
    out["calls"] = matching_calls(statement, positions, alternatives)
    return out


def matching_calls(statement, positions, alternatives):
    """Calls in the statement equal (as ASTs) to one of the alternatives; outermost first, none nested."""
    if not alternatives:
        return []
    dumps = [ast.dump(alternative) for alternative in alternatives]
    found = []
    pending = [statement]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Call):
            dump = ast.dump(node)
            if dump in dumps:
                found.append({"range": node_range(node, positions), "alternative": dumps.index(dump)})
                continue
        pending.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def annotation_call(text):
    """The annotation's text parsed as one call expression (raises SyntaxError when it is not one)."""
    tree = ast.parse(text[1:], mode="eval")
    return tree.body


def statement_lists(tree):
    """Every list of statements (module, function and class bodies, branches, handlers), iteratively."""
    pending = [tree]
    while pending:
        node = pending.pop()
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                yield body
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                pending.append(child)


def prelude_site(tree, positions):
    """Where the file's one-line prelude goes without moving any line: see the TypeScript side."""
    body = tree.body
    index = 0
    if body and annotation_text(body[0]) is None and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
        index = 1
    while index < len(body) and isinstance(body[index], ast.ImportFrom) and body[index].module == "__future__":
        index += 1
    simple = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Import, ast.ImportFrom, ast.Pass, ast.Delete, ast.Global, ast.Nonlocal, ast.Assert, ast.Raise, ast.Return, ast.Break, ast.Continue)
    if index < len(body) and isinstance(body[index], simple) and not getattr(body[index], "decorator_list", None):
        return {"mode": "before", "offset": positions.offset(body[index].lineno, body[index].col_offset)}
    if index > 0:
        previous = body[index - 1]
        return {"mode": "after", "offset": positions.offset(previous.end_lineno, previous.end_col_offset)}
    first = body[0]
    line = min([first.lineno] + [decorator.lineno for decorator in getattr(first, "decorator_list", [])])
    return {"mode": "line", "offset": positions.offset(line, 0)}


def scan(path):
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return {"file": path, "error": {"line": 1, "column": 1, "message": "the file is not UTF-8 text (%s)" % error.reason}}
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        return {"file": path, "error": {"line": error.lineno or 1, "column": error.offset or 1, "message": "Python syntax error: %s" % error.msg}}
    except (ValueError, RecursionError, MemoryError) as error:
        return {"file": path, "error": {"line": 1, "column": 1, "message": "Python cannot parse the file: %s" % error}}
    positions = Positions(source)
    annotations = []
    for body in statement_lists(tree):
        for index, statement in enumerate(body):
            found = annotation_text(statement)
            if found is None:
                continue
            record = {
                "line": statement.lineno,
                "column": len(source.split(b"\n")[statement.lineno - 1][: statement.col_offset].decode("utf-8", errors="replace")) + 1,
                "text": found,
                "range": node_range(statement, positions),
            }
            following = body[index + 1] if index + 1 < len(body) else None
            alternatives = []
            try:
                call = annotation_call(found)
                record["call"] = expression(call, found[1:])
                if isinstance(call, ast.Call) and dotted(call.func) in ("nni.function_choice", "function_choice"):
                    alternatives = list(call.args)
            except SyntaxError as error:
                record["syntaxError"] = error.msg
            except (ValueError, RecursionError, MemoryError) as error:
                record["syntaxError"] = str(error)
            record["next"] = describe_next(following, positions, alternatives)
            annotations.append(record)
    annotations.sort(key=lambda record: record["range"][0])
    return {"file": path, "annotations": annotations, "prelude": prelude_site(tree, positions)}


def main():
    sys.setrecursionlimit(10000)
    paths = json.load(sys.stdin)
    reports = []
    for path in paths:
        try:
            reports.append(scan(path))
        except RecursionError:
            reports.append({"file": path, "error": {"line": 1, "column": 1, "message": "the file nests too deeply for Python's parser"}})
    json.dump(reports, sys.stdout)


if __name__ == "__main__":
    main()
