import { RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_ENDPOINT, REQUIRED_SCOPES } from './require-scope.decorator';
import { SERVES_RESTRICTED } from './restricted-view.decorator';
import { TenantGuard } from './tenant.guard';

export interface EndpointScope {
  /** `GET /v1/cases/:caseId` */
  endpoint: string;
  /** The scopes any one of which opens it, `public`, or `undeclared` (refused by the guard). */
  access: string;
  /** The view dimensions it narrows by, so department keys may call it (`touchpoints, themes`), or `none`. */
  views: string;
}

const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/|\/$/g, '')).filter((p) => p.length > 0).join('/')}`;

/**
 * Every route of the given controllers with the access it declares, for a test that pins the table and
 * fails when a route is added without a scope or without the guard that enforces it.
 */
export function endpointScopes(controllers: Type[]): EndpointScope[] {
  const out: EndpointScope[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const guarded = ((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[]) ?? []).includes(TenantGuard);
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (name === 'constructor' || path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const isPublic = Reflect.getMetadata(PUBLIC_ENDPOINT, handler) ?? Reflect.getMetadata(PUBLIC_ENDPOINT, controller);
      const scopes = (Reflect.getMetadata(REQUIRED_SCOPES, handler) ?? Reflect.getMetadata(REQUIRED_SCOPES, controller)) as string[] | undefined;
      let access = 'undeclared';
      if (isPublic) access = 'public';
      else if (scopes && guarded) access = scopes.join(' | ');
      else if (scopes) access = 'unguarded';
      const views = (Reflect.getMetadata(SERVES_RESTRICTED, handler) ?? Reflect.getMetadata(SERVES_RESTRICTED, controller)) as string[] | undefined;
      out.push({ endpoint: `${method} ${join(base, path)}`, access, views: views?.join(', ') ?? 'none' });
    }
  }
  return out;
}
