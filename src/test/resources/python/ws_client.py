# A WebSocket client on Python's `websockets` (Debian python3-websockets), used by
# WebSocketPythonClientTest: talks to an echo handler through condure-java and prints one JSON
# object per step on stdout (the Java test asserts them).
# Usage: python3 ws_client.py ws://127.0.0.1:PORT/path plain|deflate BIG_LENGTH
# (BIG_LENGTH: size of the large compressible text message echoed last; 0 skips that step)
import asyncio
import json
import sys

import websockets


def report(**fields):
    print(json.dumps(fields), flush=True)


def response_headers(ws):
    # websockets >= 14 (new asyncio client): ws.response.headers; older (legacy client): ws.response_headers
    legacy = getattr(ws, "response_headers", None)
    return legacy if legacy is not None else ws.response.headers


async def run(url, mode, big_length):
    # the echo handler always answers with the subprotocol "echo", so the client must offer it
    options = {"max_size": None, "open_timeout": 10, "close_timeout": 10, "subprotocols": ["echo"]}
    if mode == "plain":
        options["compression"] = None
    async with websockets.connect(url, **options) as ws:
        report(step="open", version=websockets.__version__, subprotocol=ws.subprotocol,
               extensions=response_headers(ws).get("Sec-WebSocket-Extensions"))

        await ws.send("hello, wörld")
        report(step="text", echo=await ws.recv())

        await ws.send(bytes([0, 1, 2, 255]))
        echo = await ws.recv()
        report(step="binary", type=type(echo).__name__, echo=echo.hex())

        pong = await ws.ping(b"py-ping")
        await asyncio.wait_for(pong, 10)
        report(step="ping", pong=True)

        if big_length > 0:
            big = ("condure-java compresses this line well. " * (big_length // 40 + 1))[:big_length]
            await ws.send(big)
            echo = await ws.recv()
            report(step="big", length=len(echo), same=echo == big)

        await ws.close(code=4001, reason="py bye")
        report(step="close", code=ws.close_code, reason=ws.close_reason)


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(run(sys.argv[1], sys.argv[2], int(sys.argv[3])), 20))
