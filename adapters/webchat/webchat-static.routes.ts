import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderDemoShop } from './demo-shop.page.js';
import type { WidgetBundle } from './widget-bundle.js';

/** `GET /widget.js` (gzip when accepted, ETag revalidation) and, when enabled, the demo shop at `GET /`. */
export function registerStaticRoutes(scope: FastifyInstance, bundle: WidgetBundle, demoPage: boolean): void {
  scope.get('/widget.js', async (req, reply) => {
    reply
      .type('application/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .header('ETag', bundle.etag)
      .header('Vary', 'Accept-Encoding')
      .header('Access-Control-Allow-Origin', '*');
    if (req.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return reply.header('Content-Encoding', 'gzip').send(bundle.gzipped);
    return reply.send(bundle.code);
  });
  if (!demoPage) return;
  scope.get('/', async (req: FastifyRequest<{ Querystring: { lang?: string } }>, reply) => {
    const lang = req.query.lang === 'zh' ? 'zh' : 'en';
    return reply.type('text/html; charset=utf-8').send(renderDemoShop(lang, req.query.lang !== 'browser'));
  });
}
