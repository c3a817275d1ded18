import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import type { ErrorBody } from '../../shared/errors.ts';
import { AppError } from '../errors.ts';

/**
 * The one error handler: our AppErrors as they are, Fastify's own client errors (bad JSON, too large, wrong
 * content type) translated to stable codes, and anything else a 500 with no details.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
      let status: number;
      let body: ErrorBody;
      if (error instanceof AppError) {
        status = error.statusCode;
        body = { error: { code: error.code, message: error.message, ...error.extra } };
      } else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
        status = 400;
        body = { error: { code: 'malformed_json', message: 'the body is not valid JSON' } };
      } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
        status = 400;
        body = { error: { code: 'malformed_json', message: 'the body is empty; send a JSON object' } };
      } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        status = 413;
        body = { error: { code: 'payload_too_large', message: 'the body is too large' } };
      } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        status = 415;
        body = { error: { code: 'unsupported_media_type', message: 'send application/json' } };
      } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        status = error.statusCode;
        body = { error: { code: 'invalid_input', message: error.message } };
      } else {
        req.log.error({ err: error }, 'unhandled error');
        status = 500;
        body = { error: { code: 'internal', message: 'internal error; the secretariat can find details in the server log' } };
      }
      void reply.code(status).send(body);
    });
    app.setNotFoundHandler((req, reply) => {
      void reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    });
  },
  { name: 'errors' },
);
