// Finds the `description` that a schema gives the value at a JSON pointer, so a problem can say in
// words what was expected. Walks properties, patternProperties, additionalProperties, items and
// $ref (relative or #/…); the description written next to a $ref wins over the target's own, since
// it says what the value is for ("the child's address") rather than what it is ("a postal address").
import type { AnySchemaObject } from 'ajv';

interface Located {
  readonly node: AnySchemaObject;
  readonly baseId: string;
}

function isSchemaObject(value: unknown): value is AnySchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Splits a JSON pointer ("" or "/a/0/b") into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerSegment);
}

export class SchemaDescriptions {
  readonly #documents: ReadonlyMap<string, AnySchemaObject>;

  constructor(documents: ReadonlyMap<string, AnySchemaObject>) {
    this.#documents = documents;
  }

  /** The description for the value at `pointer` in data validated by the schema `rootId`. */
  at(rootId: string, pointer: string): string | undefined {
    const root = this.#documents.get(rootId);
    if (!root) return undefined;
    let here: Located | undefined = { node: root, baseId: rootId };
    for (const segment of pointerSegments(pointer)) {
      here = this.#child(here, segment);
      if (!here) return undefined;
    }
    return this.#describe(here);
  }

  #describe(here: Located): string | undefined {
    if (typeof here.node.description === 'string') return here.node.description;
    const target = this.#followRef(here);
    return target ? this.#describe(target) : undefined;
  }

  #child(here: Located, segment: string): Located | undefined {
    const { node, baseId } = here;
    const inside = (child: unknown): Located | undefined => (isSchemaObject(child) ? { node: child, baseId } : undefined);
    const found =
      inside((node.properties as Record<string, unknown> | undefined)?.[segment]) ??
      this.#patternChild(node, segment, baseId) ??
      inside(node.additionalProperties) ??
      (/^\d+$/.test(segment) ? inside(node.items) : undefined);
    if (found) return found;
    const target = this.#followRef(here);
    return target ? this.#child(target, segment) : undefined;
  }

  #patternChild(node: AnySchemaObject, segment: string, baseId: string): Located | undefined {
    const patterns = node.patternProperties as Record<string, unknown> | undefined;
    for (const [pattern, child] of Object.entries(patterns ?? {})) {
      if (isSchemaObject(child) && new RegExp(pattern, 'u').test(segment)) return { node: child, baseId };
    }
    return undefined;
  }

  #followRef(here: Located): Located | undefined {
    if (typeof here.node.$ref !== 'string') return undefined;
    const url = new URL(here.node.$ref, here.baseId);
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    let node: unknown = this.#documents.get(url.href);
    for (const segment of pointerSegments(fragment)) {
      node = isSchemaObject(node) ? node[segment] : undefined;
    }
    return isSchemaObject(node) ? { node, baseId: url.href } : undefined;
  }
}
