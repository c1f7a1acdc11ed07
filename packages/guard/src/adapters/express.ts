/**
 * Express (4 and 5). Mount after the body parsers to have bodies inspected:
 * `app.use(express.json()); app.use(vigilExpress(guard))`.
 * @module
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { BLOCKED_BODY, type Guard } from '../decide.ts'

export function vigilExpress(guard: Guard): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const d = guard.decide({ method: req.method, url: req.originalUrl, headers: req.headers, body: req.body, ip: req.socket.remoteAddress })
    if (d.action === 'block') {
      res.status(d.status).json(BLOCKED_BODY)
      return
    }
    next()
  }
}
