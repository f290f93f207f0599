# A ZHTTP handler on libzmq (pyzmq), used by PythonHandlerTest: answers each request with
# "hello from pyzmq <method> <uri>". Usage: python3 hello_handler.py ipc:///path/client
import sys, zmq

def dumps(v):
    if isinstance(v, bytes):
        return b'%d:%s,' % (len(v), v)
    if isinstance(v, str):
        return dumps(v.encode())
    if isinstance(v, bool):
        s = b'true' if v else b'false'
        return b'%d:%s!' % (len(s), s)
    if isinstance(v, int):
        s = str(v).encode()
        return b'%d:%s#' % (len(s), s)
    if isinstance(v, list):
        s = b''.join(dumps(x) for x in v)
        return b'%d:%s]' % (len(s), s)
    if isinstance(v, dict):
        s = b''.join(dumps(k) + dumps(x) for k, x in v.items())
        return b'%d:%s}' % (len(s), s)
    raise TypeError(v)

def loads(data):
    value, _ = parse(data, 0)
    return value

def parse(data, pos):
    colon = data.index(b':', pos)
    n = int(data[pos:colon])
    payload = data[colon + 1:colon + 1 + n]
    kind = data[colon + 1 + n:colon + 2 + n]
    end = colon + 2 + n
    if kind == b',':
        return payload, end
    if kind == b'#':
        return int(payload), end
    if kind == b'!':
        return payload == b'true', end
    if kind in (b']', b'}'):
        items, p = [], 0
        while p < len(payload):
            item, p = parse(payload, p)
            items.append(item)
        if kind == b']':
            return items, end
        return {items[i].decode(): items[i + 1] for i in range(0, len(items), 2)}, end
    return None, end

base = sys.argv[1]
ctx = zmq.Context()
pub = ctx.socket(zmq.XPUB)
pub.connect(base + '-in')
pub.recv()  # the server's subscription: from now on replies are not dropped
pull = ctx.socket(zmq.PULL)
pull.connect(base + '-out')  # only now take requests
print('ready', flush=True)
while True:
    req = loads(pull.recv()[1:])
    body = b'hello from pyzmq ' + req['method'] + b' ' + req['uri']
    resp = {'from': b'pyhandler', 'id': req['id'], 'seq': 0, 'code': 200, 'reason': b'OK',
            'headers': [[b'Content-Type', b'text/plain']], 'body': body}
    pub.send(b'condure T' + dumps(resp))
