/**
 * A transform of the build (see docs/decisions/0008-indexed-loops-in-the-build.md): a `for…of`
 * loop whose iterated value the type checker proves to be an array becomes an indexed loop.
 *
 *   for (const item of items) body
 *   →
 *   { const list = items; for (let index = 0; index < list.length; index++) { const item = list[index]; body } }
 *
 * Code that runs before V8 optimises it (a scan runs most of its code only a few thousand
 * times) pays for a `for…of` with an iterator object and a call and a result object per item;
 * the indexed loop reads the array directly. For arrays the two are the same loop: the array
 * iterator reads `length` and the item at the next index on every step, so items pushed or
 * removed during the loop are seen alike, holes read as `undefined`, and the iterated value is
 * evaluated once. Each step still binds a fresh variable, so closures capture the same values.
 *
 * Only what the checker proves is rewritten: an `Array`, `ReadonlyArray` or tuple type, or a
 * union of them; a `const` or `let` binding (any pattern) whose variables the iterated expression
 * does not refer to; a loop with at most one label. Maps, Sets, strings, iterators, `any`, type
 * parameters and `using` bindings keep their `for…of`. A value whose type says array but which is
 * not one (an `as` assertion that lies, an `Array` subclass with its own iterator) would be looped
 * over differently: the sources assert no such thing, and a test compares the built library
 * with the sources on every corpus.
 */
import ts from 'typescript';

/** Whether every value of the type is an array: arrays, read-only arrays, tuples and unions of them. */
function isArrayType(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every((member) => isArrayType(checker, member));
  return checker.isArrayType(type) || checker.isTupleType(type);
}

/** The variables a binding declares: `item`, or every name of a pattern such as `[key, { value }]`. */
function boundSymbols(checker: ts.TypeChecker, name: ts.BindingName, into = new Set<ts.Symbol>()): Set<ts.Symbol> {
  if (ts.isIdentifier(name)) {
    const symbol = checker.getSymbolAtLocation(name);
    if (symbol !== undefined) into.add(symbol);
  } else {
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) boundSymbols(checker, element.name, into);
  }
  return into;
}

/** Whether an expression refers to one of the variables anywhere inside it (a closure included). */
function refersTo(checker: ts.TypeChecker, node: ts.Node, symbols: ReadonlySet<ts.Symbol>): boolean {
  if (ts.isIdentifier(node)) {
    const symbol = ts.isShorthandPropertyAssignment(node.parent) ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
    if (symbol !== undefined && symbols.has(symbol)) return true;
  }
  return ts.forEachChild(node, (child) => refersTo(checker, child, symbols) || undefined) === true;
}

/**
 * A loop this transform may rewrite: its binding is a plain `const` or `let` declaration (not
 * `using`, whose disposal the loop performs), its value an array, and the iterated expression does
 * not refer to the variables it binds: there they are the loop's own, not yet initialised, where
 * the rewritten loop would evaluate the expression in the enclosing scope.
 */
function rewritable(checker: ts.TypeChecker, node: ts.Node): node is ts.ForOfStatement & { initializer: ts.VariableDeclarationList } {
  if (!ts.isForOfStatement(node) || node.awaitModifier !== undefined) return false;
  const binding = node.initializer;
  if (!ts.isVariableDeclarationList(binding) || binding.declarations.length !== 1) return false;
  const kind = binding.flags & ts.NodeFlags.BlockScoped;
  if (kind !== ts.NodeFlags.Const && kind !== ts.NodeFlags.Let) return false;
  if (refersTo(checker, node.expression, boundSymbols(checker, (binding.declarations[0] as ts.VariableDeclaration).name))) return false;
  return isArrayType(checker, checker.getTypeAtLocation(node.expression));
}

/** The transform factory for `program.emit(…, { before: [indexedLoops(program)] })`. */
export function indexedLoops(program: ts.Program): ts.TransformerFactory<ts.SourceFile> {
  const checker = program.getTypeChecker();
  return (context) => {
    const factory = context.factory;

    /** The rewritten loop, with `label` (when the loop had one) kept on the loop itself. */
    const rewrite = (loop: ts.ForOfStatement & { initializer: ts.VariableDeclarationList }, label: ts.Identifier | undefined): ts.Statement => {
      const list = factory.createUniqueName('list');
      const index = factory.createUniqueName('index');
      const declaration = loop.initializer.declarations[0] as ts.VariableDeclaration;
      const kind = loop.initializer.flags & ts.NodeFlags.BlockScoped;
      const item = factory.createVariableStatement(
        undefined,
        factory.createVariableDeclarationList([factory.createVariableDeclaration(ts.visitNode(declaration.name, visit) as ts.BindingName, undefined, undefined, factory.createElementAccessExpression(list, index))], kind),
      );
      const indexed: ts.Statement = factory.createForStatement(
        factory.createVariableDeclarationList([factory.createVariableDeclaration(index, undefined, undefined, factory.createNumericLiteral(0))], ts.NodeFlags.Let),
        factory.createLessThan(index, factory.createPropertyAccessExpression(list, 'length')),
        factory.createPostfixIncrement(index),
        // The body keeps a block of its own: its declarations may shadow the binding's names.
        factory.createBlock([item, ts.visitNode(loop.statement, visit) as ts.Statement], true),
      );
      return factory.createBlock(
        [
          factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(list, undefined, undefined, ts.visitNode(loop.expression, visit) as ts.Expression)], ts.NodeFlags.Const)),
          label === undefined ? indexed : factory.createLabeledStatement(label, indexed),
        ],
        true,
      );
    };

    const visit = (node: ts.Node): ts.Node => {
      // A label must stay on the loop (`continue outer` names a loop), so a labelled loop is rewritten from its label.
      // Several labels on one loop are left as they are: the outer ones would label the block.
      if (ts.isLabeledStatement(node) && !ts.isLabeledStatement(node.parent) && rewritable(checker, node.statement)) return rewrite(node.statement, node.label);
      if (rewritable(checker, node) && !ts.isLabeledStatement(node.parent)) return rewrite(node, undefined);
      return ts.visitEachChild(node, visit, context);
    };
    return (file) => ts.visitEachChild(file, visit, context);
  };
}
