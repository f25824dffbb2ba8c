#!/usr/bin/env python3
# usage: jfr print --json --stack-depth 500 --events jdk.ExecutionSample round1-on.jfr > on.json; python3 example_api_profile.py on.json
"""Where the app's CPU samples go during the API load run (JFR jdk.ExecutionSample, deep stacks)."""
import json,sys,collections,re
d=json.load(open(sys.argv[1]))
ev=d['recording']['events']
b=collections.Counter(); sub=collections.Counter()
for e in ev:
    v=e['values']; st=v.get('stackTrace')
    t=(v.get('sampledThread') or {}).get('javaName') or ''
    if not st or t in ('main','background-preinit') or 'Shutdown' in t: continue
    fr=[f['method']['type']['name'].replace('/','.')+'.'+f['method']['name'] for f in st['frames']]
    s='\n'.join(fr)
    if t.startswith('cactus-webhooks'):
        k='dispatcher threads'; b[k]+=1; sub[(k,re.sub(r'-\d+$','',t))]+=1
        if 'org.h2' in s: sub[(k,'  of which in H2')]+=1
        continue
    if t.startswith('http-nio'):
        if any(x in s for x in ('BearerTokenFilter','ClientController')):
            k='POST /api/clients requests (from the Bearer filter in)'; b[k]+=1
            if 'ApiTokenService.authenticate' in s: sub[(k,'Bearer token check (SHA-256 + indexed lookup + last-used)')]+=1
            elif 'DefaultWebhookPublisher.publish' in s or 'SpringWebhookPublisher' in s: sub[(k,'publish: encode + outbox insert (webhooks on only)')]+=1
            elif 'ClientRepository' in s: sub[(k,'client insert')]+=1
            elif 'commitTransactionAfterReturning' in s or '.commit' in s: sub[(k,'commit')]+=1
            elif 'ClientService' in s: sub[(k,'rest of the transactional service call')]+=1
            else: sub[(k,'security filters, MVC, JSON')]+=1
            continue
        if any(x in s for x in ('DemoReceiver','DemoSecretResolver','WebhookVerifier','ReceivedWebhooks','WebhookVerificationFilter.read')):
            k='demo receiver requests (webhooks on only)'; b[k]+=1
            if 'DemoSecretResolver' in s: sub[(k,'DemoSecretResolver: ObjectProvider lookup per request')]+=1
            elif 'WebhookVerifier' in s: sub[(k,'signature verification')]+=1
            elif 'DemoReceiverController' in s: sub[(k,'controller (JSON parse, list)')]+=1
            else: sub[(k,'reading the body')]+=1
            continue
        b['Tomcat, servlet and security filters before the Bearer filter or the receiver, socket I/O (both kinds of request)']+=1; continue
    b['other threads']+=1
n=sum(b.values())
print('%d execution samples of the app JVM during the run (startup and shutdown threads left out)'%n)
for k,v in b.most_common():
    print('%5.1f%%  %s'%(100*v/n,k))
    for (kk,sk),sv in sorted(sub.items(), key=lambda x:-x[1]):
        if kk==k: print('        %5.1f%%  %s'%(100*sv/n,sk))
