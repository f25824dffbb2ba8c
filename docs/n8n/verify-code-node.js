// Code node "Verify signature" (Mode: Run Once for All Items, Language: JavaScript).
// Needs on the n8n server: NODE_FUNCTION_ALLOW_BUILTIN=crypto, the secret in WEBHOOK_SECRET, and
// N8N_BLOCK_ENV_ACCESS_IN_NODE=false so that $env can read it.
const crypto = require('crypto');

const TOLERANCE_SECONDS = 5 * 60;
const secret = $env.WEBHOOK_SECRET;
if (!secret) {
  throw new Error('WEBHOOK_SECRET is not set on the n8n server');
}
const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

function header(headers, name) {
  const value = headers[name] ?? headers[name.replace(/^webhook-/, 'svix-')];
  return Array.isArray(value) ? value.join(' ') : value;
}

const out = [];
for (const [i, item] of $input.all().entries()) {
  const headers = item.json.headers || {};
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  let valid = false;
  let reason = null;
  if (!id || !timestamp || !signatures) {
    reason = 'missing webhook-id, webhook-timestamp or webhook-signature header';
  } else if (!/^\d+$/.test(timestamp)
      || Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > TOLERANCE_SECONDS) {
    reason = 'timestamp outside the tolerance of ' + TOLERANCE_SECONDS + ' s';
  } else {
    // the raw body, exactly as sent: the Webhook node's "Raw Body" option puts it in binary "data"
    const body = await this.helpers.getBinaryDataBuffer(i, 'data');
    const expected = crypto.createHmac('sha256', key)
      .update(id + '.' + timestamp + '.').update(body).digest();
    valid = signatures.split(' ').some((entry) => {
      const [version, signature] = entry.split(',');
      if (version !== 'v1' || !signature) return false;
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && crypto.timingSafeEqual(given, expected);
    });
    if (!valid) reason = 'no signature matches the secret';
  }
  out.push({ json: { ...item.json, signatureValid: valid, signatureError: reason, webhookId: id || null } });
}
return out;
