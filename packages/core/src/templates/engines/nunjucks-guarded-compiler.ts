import nunjucks from "nunjucks";
import type { NunjucksNode, NunjucksTemplate } from "./nunjucks-internals.js";

/**
 * nunjucks compiles a template to JavaScript in which loops are plain `for` statements and
 * text is appended with `+=`, out of reach of any runtime hook. Quire compiles the parsed tree
 * itself, with nunjucks' own compiler taught to emit four calls to the (safe) runtime:
 *
 * - `runtime.quireIteration(buffer)` at the top of every loop iteration (arrays, objects,
 *   strings), with the text built so far in the buffer the loop writes to (the template's, a
 *   macro's, a captured `set` block's), so output that grows with loops is checked as it grows
 *   (output without loops is bounded by the template's size and is checked at the end);
 * - `runtime.quireConcat(a, b)` for `~` and `runtime.quireAdd(a, b)` for `+`, which check the
 *   length of a string they build (a doubling `{% set s = s ~ s %}` stops at the output limit).
 *
 * Everything else is nunjucks' compiler unchanged. (nunjucks also runs a transformer between
 * parsing and compiling; for templates without async filters or extensions, as here, all it
 * does is lift `super()` calls, which `liftSuper` below does the same way. The transformer
 * itself is not importable in a browser bundle.)
 */

/** The parts of nunjucks' Compiler (src/compiler.js) that the subclass uses. */
interface NunjucksCompiler {
  buffer: string;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _emitLoopBindings(node: NunjucksNode, array: string, index: string, length: string): void;
  compile(node: unknown, frame?: unknown): void;
  compileConcat(node: NunjucksNode, frame: unknown): void;
  compileAdd(node: NunjucksNode, frame: unknown): void;
  getCode(): string;
}

type NodeClass = new (line: number, column: number, ...fields: unknown[]) => NunjucksNode;

const internals = nunjucks as unknown as {
  compiler: {
    Compiler: new (name: string | undefined, throwOnUndefined: boolean) => NunjucksCompiler;
  };
  nodes: { Node: NodeClass; Super: NodeClass; Symbol: NodeClass };
};
const { Compiler } = internals.compiler;
const { Node, Super, Symbol: SymbolNode } = internals.nodes;

function isNode(value: unknown): value is NunjucksNode {
  return value instanceof Node;
}

/** Replaces, in place, every `super()` call under `node` by the symbol `name`. */
function replaceSuperCalls(node: NunjucksNode, name: string): boolean {
  let replaced = false;
  for (const field of node.fields) {
    const value = node[field];
    const children = Array.isArray(value) ? value : [value];
    children.forEach((child, index) => {
      if (!isNode(child)) return;
      const callee = child.name as NunjucksNode | undefined;
      if (child.typename === "FunCall" && callee?.value === "super") {
        const symbol = new SymbolNode(child.lineno, child.colno, name);
        if (Array.isArray(value)) value[index] = symbol;
        else node[field] = symbol;
        replaced = true;
      } else if (replaceSuperCalls(child, name)) replaced = true;
    });
  }
  return replaced;
}

let superSymbols = 0;

/** nunjucks' transformer's liftSuper: in each block, `super()` becomes a symbol that a Super node
 * at the top of the block's body fills with the parent template's block. */
function liftSuper(node: NunjucksNode): void {
  if (node.typename === "Block") {
    const name = `quire_super_${superSymbols++}`;
    const body = node.body as NunjucksNode & { children: NunjucksNode[] };
    if (replaceSuperCalls(body, name)) {
      body.children.unshift(new Super(0, 0, node.name, new SymbolNode(0, 0, name)));
    }
  }
  for (const field of node.fields) {
    const value = node[field];
    for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) liftSuper(child);
  }
}

class GuardedCompiler extends Compiler {
  override _emitLoopBindings(
    node: NunjucksNode,
    array: string,
    index: string,
    length: string,
  ): void {
    super._emitLoopBindings(node, array, index, length);
    this._emitLine(`runtime.quireIteration(${this.buffer});`);
  }

  override compileConcat(node: NunjucksNode, frame: unknown): void {
    this.emitCall("runtime.quireConcat", node, frame);
  }

  override compileAdd(node: NunjucksNode, frame: unknown): void {
    this.emitCall("runtime.quireAdd", node, frame);
  }

  private emitCall(name: string, node: NunjucksNode, frame: unknown): void {
    this._emit(`${name}(`);
    this.compile(node.left, frame);
    this._emit(", ");
    this.compile(node.right, frame);
    this._emit(")");
  }
}

/**
 * Compiles a parsed template (what `parseNunjucks` returned) into a nunjucks Template of
 * `environment`, the way nunjucks would compile its source, with the calls above added.
 */
export function compileGuardedTemplate(
  tree: NunjucksNode,
  environment: nunjucks.Environment,
  name: string | undefined,
): NunjucksTemplate {
  liftSuper(tree);
  const compiler = new GuardedCompiler(name, false);
  compiler.compile(tree);
  // What nunjucks' Template does with the code its compiler makes.
  const properties = new Function(compiler.getCode())() as unknown;
  const TemplateClass = nunjucks.Template as unknown as new (
    source: { type: "code"; obj: unknown },
    environment: nunjucks.Environment,
    path: string | undefined,
    eagerCompile: boolean,
  ) => NunjucksTemplate;
  return new TemplateClass({ type: "code", obj: properties }, environment, name, true);
}
