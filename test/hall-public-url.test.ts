import { afterEach, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';

// The hall address an admin chooses in the console (issue 12, DESIGN §12) builds every QR code and link for the
// hall's devices: an address only the server machine knows (localhost, 127.0.0.1, ::1) is refused with a clear
// error and changes nothing; another address (127.0.0.2 stands in for a LAN one) is kept.

let t: TestApp;
afterEach(async () => t?.close());

it('refuses localhost, 127.0.0.1 and ::1 as the hall address, and keeps a LAN address', async () => {
  t = await makeApp();
  const { cookie } = await t.as('admin');
  const choose = (publicUrl: string | null) =>
    t.app.inject({ method: 'POST', url: '/api/hall/public-url', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ publicUrl }) });
  const before = t.checksum();
  for (const url of ['http://localhost:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080', 'http://LOCALHOST', 'http://hall.localhost:8080']) {
    const res = await choose(url);
    expect(res.statusCode, url).toBe(400);
    expect(json(res).error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'publicUrl', message: expect.stringContaining('reaches only this machine') }] });
  }
  expect(t.checksum()).toBe(before);
  const kept = await choose('http://127.0.0.2:8080');
  expect(kept.statusCode, kept.body).toBe(200);
  expect(json(kept)).toEqual({ publicUrl: 'http://127.0.0.2:8080' });
  const hall = json(await t.app.inject({ method: 'GET', url: '/api/hall', headers: { cookie } }));
  expect(hall).toMatchObject({ publicUrl: 'http://127.0.0.2:8080', publicUrlSource: 'console' });
});
