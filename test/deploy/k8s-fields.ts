import { join } from 'node:path';
import * as ts from 'typescript';

/**
 * Unknown fields, which the OpenAPI schemas allow but kubectl apply rejects (strict field validation is
 * the default since Kubernetes 1.27). The field names come from the type declarations kubernetes-models
 * generates from the same pinned OpenAPI document; a misspelt field (readinesProbe) is reported by path.
 */
export class FieldChecker {
  private readonly checker: ts.TypeChecker;
  private readonly roots = new Map<string, ts.Type>();

  /** models: `<apiVersion>/<kind>`, which is also the module path under kubernetes-models. */
  constructor(models: string[]) {
    const dir = join(__dirname, '..', '..');
    const entry = join(dir, '__k8s_fields__.ts');
    const source = models.map((path, i) => `import { I${path.split('/').pop()} as T${i} } from 'kubernetes-models/${path}';\nexport type R${i} = T${i};`).join('\n');
    const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: [] };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => (file === entry ? source : readFile(file));
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => file === entry || fileExists(file);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language) => (file === entry ? ts.createSourceFile(file, source, language) : getSourceFile(file, language));
    const program = ts.createProgram([entry], options, host);
    this.checker = program.getTypeChecker();
    const file = program.getSourceFile(entry)!;
    const aliases = file.statements.filter(ts.isTypeAliasDeclaration);
    models.forEach((key, i) => {
      const alias = aliases.find((a) => a.name.text === `R${i}`)!;
      const type = this.checker.getTypeAtLocation(alias.name);
      if (type.getProperties().length === 0) throw new Error(`no type declarations found for ${key}`);
      this.roots.set(key, type);
    });
  }

  /** Paths of fields the pinned API version does not define. */
  unknownFields(doc: Record<string, unknown>, key: string): string[] {
    const root = this.roots.get(key);
    return root ? this.walk(doc, root, '') : [];
  }

  private walk(value: unknown, type: ts.Type, path: string): string[] {
    if (value === null || typeof value !== 'object') return [];
    const candidates = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (Array.isArray(value)) {
      const element = candidates.map((t) => t.getNumberIndexType()).find((t): t is ts.Type => t !== undefined);
      return element ? value.flatMap((v, i) => this.walk(v, element, `${path}/${i}`)) : [];
    }
    const objectType = candidates.find((t) => t.getProperties().length > 0 || t.getStringIndexType());
    if (!objectType) return [];
    const anyValue = objectType.getStringIndexType();
    return Object.entries(value).flatMap(([k, v]) => {
      const property = objectType.getProperty(k);
      if (property) return this.walk(v, this.checker.getNonNullableType(this.checker.getTypeOfSymbol(property)), `${path}/${k}`);
      if (anyValue) return this.walk(v, anyValue, `${path}/${k}`);
      return [`${path}/${k}: unknown field`];
    });
  }
}
