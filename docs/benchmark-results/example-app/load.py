"""POST /api/clients N times from C concurrent keep-alive connections; prints req/s, p50, p99.
usage: load.py port N C [user password]"""
import base64, http.client, json, sys, threading, time

port, n, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
user, pw = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else ("admin", "bench")
auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
lat, errors, lock = [], [], threading.Lock()

def worker(k, count):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for j in range(count):
        body = json.dumps({"name": f"Load {k}-{j}", "email": f"load{k}.{j}@example.com"})
        t = time.perf_counter()
        conn.request("POST", "/api/clients", body, {"Content-Type": "application/json", "Authorization": auth})
        r = conn.getresponse(); r.read()
        dt = time.perf_counter() - t
        with lock:
            (lat if r.status == 201 else errors).append(dt if r.status == 201 else r.status)

threads = [threading.Thread(target=worker, args=(k, n // c)) for k in range(c)]
t0 = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - t0
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
print(f"requests={len(lat)} errors={len(errors)} wall={wall:.1f}s rate={len(lat)/wall:.1f}/s "
      f"p50={q(0.50):.0f}ms p99={q(0.99):.0f}ms load1={open('/proc/loadavg').read().split()[0]}")
