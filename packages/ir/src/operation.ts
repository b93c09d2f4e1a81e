/**
 * What a node computes: a type name and JSON parameters. An `Operation` is a frozen record shared by
 * reference between model versions; changing it means making a new one (`update`, `withParameters`).
 */
import { produce, type Draft } from 'immer';
import { GraphError } from './errors.js';
import { FlatDraft } from './flat-draft.js';
import { EMPTY_OBJECT, jsonEqual, toFrozenJson, type JsonObject } from './json-value.js';

/** Type of a cell operation: the node stands for the sub-graph named by `cellName`. */
export const CELL_TYPE = '_cell';
/** Type of a graph's input pseudo-node. */
export const INPUTS_TYPE = '_inputs';
/** Type of a graph's output pseudo-node. */
export const OUTPUTS_TYPE = '_outputs';

/** Options of {@link Operation.new}. */
export interface OperationOptions {
  /** Name of the graph a `_cell` operation refers to; required for `_cell`, refused otherwise. */
  readonly cellName?: string;
  /** Free-form JSON metadata that does not take part in equality (the reference's `attributes`). */
  readonly attributes?: { readonly [key: string]: unknown };
}

/** The editable part of an operation, as {@link Operation.update} hands it to a recipe. */
export interface OperationDraft {
  parameters: Draft<{ [key: string]: unknown }>;
  attributes: Draft<{ [key: string]: unknown }>;
}

const operationError = (details: ConstructorParameters<typeof GraphError>[0]) => new GraphError(details);
let allowIo = false;

/**
 * The computation of a graph node: `type` names it (`"Conv2d"`, `"aten::add"`, `"_cell"`), and
 * `parameters` configure it. Type names that start with `_` are special: `_cell` refers to a
 * sub-graph, `_inputs` and `_outputs` are the pseudo-nodes every graph has.
 *
 * @example
 * ```ts
 * const conv = Operation.new('Conv2d', { in_channels: 3, out_channels: 16, kernel_size: 3 });
 * const wider = conv.update((op) => { op.parameters.out_channels = 32; });
 * const stem = Operation.cell('stem');
 * ```
 */
export class Operation {
  /** The operation's type name. */
  readonly type: string;
  /** Deep-frozen JSON parameters. */
  readonly parameters: JsonObject;
  /** Deep-frozen JSON metadata; not part of equality. */
  readonly attributes: JsonObject;
  /** For a `_cell` operation, the name of the graph it refers to; otherwise `undefined`. */
  readonly cellName: string | undefined;

  private constructor(type: string, parameters: JsonObject, attributes: JsonObject, cellName: string | undefined) {
    this.type = type;
    this.parameters = parameters;
    this.attributes = attributes;
    this.cellName = cellName;
    Object.freeze(this);
  }

  /**
   * Makes an operation. Parameters and attributes must be JSON; they are copied and frozen (the
   * caller's objects are left alone). Throws a `GraphError` naming the offending key otherwise.
   *
   * @example
   * ```ts
   * Operation.new('Dense', { units: 10 });
   * Operation.new('_cell', {}, { cellName: 'stem' });
   * ```
   */
  static new(
    type: string,
    parameters: { readonly [key: string]: unknown } = EMPTY_OBJECT,
    options: OperationOptions = {},
  ): Operation {
    const cellName = options.cellName;
    checkTypeAndCell(type, cellName);
    const params = toObject(parameters, 'parameters');
    const attributes = options.attributes === undefined ? EMPTY_OBJECT : toObject(options.attributes, 'attributes');
    return new Operation(type, params, attributes, cellName);
  }

  /**
   * A `_cell` operation: the node stands for the graph named `cellName`.
   *
   * @example
   * ```ts
   * model.addNode('_model', 'stem', Operation.cell('stem'));
   * ```
   */
  static cell(cellName: string, parameters?: { readonly [key: string]: unknown }, attributes?: { readonly [key: string]: unknown }): Operation {
    return Operation.new(CELL_TYPE, parameters, attributes === undefined ? { cellName } : { cellName, attributes });
  }

  /** Whether this operation refers to a sub-graph. */
  get isCell(): boolean {
    return this.type === CELL_TYPE;
  }

  /** Whether the type is special (starts with `_`): a cell or an input/output pseudo-operation. */
  get isSpecial(): boolean {
    return this.type.startsWith('_');
  }

  /**
   * A new operation made by editing a draft of this one's parameters and attributes; this one is
   * unchanged, and an edit that changes nothing returns it. Only the edited parts are copied: when
   * the parameters and attributes hold only scalars (the usual case), the draft copies a side when
   * the recipe first reads it and compares the copy afterwards; otherwise it is an immer draft.
   *
   * @example
   * ```ts
   * const op2 = op.update((d) => { d.parameters.kernel_size = 5; delete d.attributes.note; });
   * ```
   */
  update(recipe: (draft: OperationDraft) => void): Operation {
    if (isFlat(this.parameters) && isFlat(this.attributes)) {
      const draft = new FlatDraft(this.parameters, this.attributes);
      recipe(draft as unknown as OperationDraft);
      const parameters = draft.resultParameters();
      const attributes = draft.resultAttributes();
      if (parameters === this.parameters && attributes === this.attributes) return this;
      return this.#rebuild(parameters, attributes, this.cellName);
    }
    const next = produce({ parameters: this.parameters, attributes: this.attributes }, (draft) => {
      recipe(draft as unknown as OperationDraft);
    });
    if (next.parameters === this.parameters && next.attributes === this.attributes) return this;
    return this.#rebuild(next.parameters, next.attributes, this.cellName);
  }

  /** A new operation whose parameters are these merged with `changes` (shallowly). */
  withParameters(changes: { readonly [key: string]: unknown }): Operation {
    return this.#rebuild({ ...this.parameters, ...changes }, this.attributes, this.cellName);
  }

  /** A `_cell` operation like this one, referring to `cellName` instead. */
  withCellName(cellName: string): Operation {
    if (!this.isCell) {
      throw new GraphError({ code: 'not-a-cell', message: `operation "${this.type}" is not a cell and names no graph` });
    }
    return this.#rebuild(this.parameters, this.attributes, cellName);
  }

  /** What `Operation.new` would make of these parts, freezing them only once (this one's own parts are frozen JSON already). */
  #rebuild(parameters: unknown, attributes: unknown, cellName: string | undefined): Operation {
    const params = parameters === this.parameters ? this.parameters : toObject(parameters, 'parameters');
    const attrs = attributes === this.attributes ? this.attributes : toObject(attributes, 'attributes');
    checkTypeAndCell(this.type, cellName);
    return new Operation(this.type, params, attrs, cellName);
  }

  /**
   * Same type, same parameters and (for cells) the same cell name. Attributes are metadata and do not
   * count, as in the reference.
   */
  equals(other: Operation): boolean {
    return (
      other === this ||
      (other instanceof Operation &&
        other.type === this.type &&
        other.cellName === this.cellName &&
        jsonEqual(other.parameters, this.parameters))
    );
  }

  /** `Type(param=value, ...)`, with `-> cell` for cells. */
  toString(): string {
    const params = Object.entries(this.parameters)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    return `${this.type}(${params})${this.cellName !== undefined ? ` -> ${this.cellName}` : ''}`;
  }
}

/** Whether every value of a frozen JSON object is a scalar (no array or object to edit in place). */
function isFlat(value: JsonObject): boolean {
  for (const key in value) {
    const item = value[key];
    if (typeof item === 'object' && item !== null) return false;
  }
  return true;
}

/** The checks `Operation.new` makes of a type and cell name; throws a `GraphError` when one fails. */
function checkTypeAndCell(type: string, cellName: string | undefined): void {
  if (typeof type !== 'string' || type.length === 0) {
    throw new GraphError({ code: 'invalid-operation', path: ['type'], expected: 'a non-empty type name', received: type });
  }
  if ((type === INPUTS_TYPE || type === OUTPUTS_TYPE) && !allowIo) {
    throw new GraphError({
      code: 'reserved-operation',
      path: ['type'],
      message: `operation type "${type}" is reserved for a graph's pseudo-nodes; every graph already has them`,
    });
  }
  if (type === CELL_TYPE) {
    if (typeof cellName !== 'string' || cellName.length === 0) {
      throw new GraphError({
        code: 'invalid-operation',
        path: ['cellName'],
        expected: 'the name of the graph a "_cell" operation refers to',
        received: cellName,
      });
    }
  } else if (cellName !== undefined) {
    throw new GraphError({
      code: 'invalid-operation',
      path: ['cellName'],
      message: `only "_cell" operations name a cell; "${type}" was given cellName ${JSON.stringify(cellName)}`,
    });
  }
}

function toObject(value: unknown, key: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GraphError({ code: 'invalid-operation', path: [key], expected: 'a JSON object', received: value });
  }
  return toFrozenJson(value, [key], operationError) as JsonObject;
}

/** The operation of a graph's `_inputs` or `_outputs` pseudo-node. Internal. */
export function ioOperation(type: typeof INPUTS_TYPE | typeof OUTPUTS_TYPE): Operation {
  return type === INPUTS_TYPE ? INPUTS_OPERATION : OUTPUTS_OPERATION;
}

function makeIo(type: string): Operation {
  allowIo = true;
  try {
    return Operation.new(type);
  } finally {
    allowIo = false;
  }
}

const INPUTS_OPERATION = makeIo(INPUTS_TYPE);
const OUTPUTS_OPERATION = makeIo(OUTPUTS_TYPE);
