// Runs verify-code-node.js outside n8n, the way n8n's Code node would (an async function body
// with $input, $env and this.helpers), against
//   1. the Standard Webhooks specification's test vector (Date.now pinned to its timestamp),
//      plus a changed body and a wrong secret, which must fail;
//   2. live requests: `node check-code-node.js serve 5678 user password` listens like an n8n
//      Webhook node on POST /webhook/cactus with HTTP Basic auth, and runs the Code node on
//      every request (start CactusDashboard with N8N_WEBHOOK_URL pointing here).
// This checks our snippet and our signatures, not n8n itself (n8n does not run on this machine).
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');

const code = fs.readFileSync(path.join(__dirname, 'verify-code-node.js'), 'utf8');
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const codeNode = new AsyncFunction('$input', '$env', 'require', code);

async function runCodeNode(items, secret) {
  const helpers = {
    // as n8n's helper: the item's binary property as a Buffer (inline base64 in this harness)
    getBinaryDataBuffer: async (i, name) => Buffer.from(items[i].binary[name].data, 'base64'),
  };
  return codeNode.call({ helpers }, { all: () => items }, { WEBHOOK_SECRET: secret }, require);
}

// The Webhook node's item with the "Raw Body" option on: headers lower-cased, raw body in binary.data.
function item(headers, rawBody) {
  let body;
  try { body = JSON.parse(rawBody.toString('utf8')); } catch (e) { body = {}; }
  return { json: { headers, params: {}, query: {}, body },
    binary: { data: { data: rawBody.toString('base64'), mimeType: 'application/json' } } };
}

async function vector() {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
  const realNow = Date.now;
  Date.now = () => 1614265330 * 1000;
  try {
    const cases = [
      ['spec test vector', item(headers, Buffer.from('{"test": 2432232314}')), secret, true],
      ['changed body', item(headers, Buffer.from('{"test": 2432232315}')), secret, false],
      ['other secret', item(headers, Buffer.from('{"test": 2432232314}')),
        'whsec_' + require('crypto').randomBytes(32).toString('base64'), false],
    ];
    let failures = 0;
    for (const [name, it, s, expected] of cases) {
      const [result] = await runCodeNode([it], s);
      const ok = result.json.signatureValid === expected;
      failures += ok ? 0 : 1;
      console.log((ok ? 'ok   ' : 'FAIL ') + name + ': signatureValid=' + result.json.signatureValid
        + (result.json.signatureError ? ' (' + result.json.signatureError + ')' : ''));
    }
    const [late] = await (async () => { Date.now = () => (1614265330 + 301) * 1000;
      return runCodeNode([item(headers, Buffer.from('{"test": 2432232314}'))], secret); })();
    const lateOk = late.json.signatureValid === false;
    failures += lateOk ? 0 : 1;
    console.log((lateOk ? 'ok   ' : 'FAIL ') + '301 s late: signatureValid=' + late.json.signatureValid);
    return failures;
  } finally {
    Date.now = realNow;
  }
}

function serve(port, user, password) {
  const secret = process.env.WEBHOOK_SECRET;
  const expectedAuth = 'Basic ' + Buffer.from(user + ':' + password).toString('base64');
  http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      if (req.method !== 'POST' || req.url !== '/webhook/cactus') { res.writeHead(404); return res.end(); }
      if (req.headers.authorization !== expectedAuth) { res.writeHead(401); return res.end('Authorization is required!'); }
      // "Respond: Immediately", as the workflow's Webhook node does
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"message":"Workflow was started"}');
      const [result] = await runCodeNode([item(req.headers, Buffer.concat(chunks))], secret);
      console.log((result.json.signatureValid ? 'valid   ' : 'INVALID ') + result.json.webhookId + ' '
        + result.json.body.type + (result.json.signatureError ? ' (' + result.json.signatureError + ')' : ''));
    });
  }).listen(Number(port), '127.0.0.1', () => console.log('listening on 127.0.0.1:' + port + '/webhook/cactus'));
}

if (process.argv[2] === 'serve') {
  serve(process.argv[3] || '5678', process.argv[4] || 'n8n', process.argv[5] || 'n8n-password');
} else {
  const workflow = JSON.parse(fs.readFileSync(path.join(__dirname, 'cactus-workflow.json'), 'utf8'));
  const embedded = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.code').parameters.jsCode;
  if (embedded !== code) {
    console.log('FAIL the workflow\'s Code node differs from verify-code-node.js');
    process.exit(1);
  }
  console.log('ok   the workflow\'s Code node is verify-code-node.js');
  vector().then((failures) => process.exit(failures ? 1 : 0));
}
