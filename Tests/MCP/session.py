"""A whole MCP session against `reprise mcp`, driven by the official MCP Python SDK (a client
nobody here wrote), with `openrouter-mock` standing in for OpenRouter.

Usage: python session.py REPRISE OPENROUTER_MOCK ROOT
Exits 0 when every step holds; prints the failing step and exits 1 otherwise.
"""

import asyncio
import base64
import hashlib
import json
import os
import subprocess
import sys
from urllib.parse import urlparse, unquote

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError

KEY = "sk-or-mcp-session-secret-key"


def start_mock(mock):
    process = subprocess.Popen([mock, "--port", "0", "--exit-with-parent"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    base = line[line.index("http://"):].strip()
    return process, base


def check(condition, what):
    if not condition:
        print(f"FAILED: {what}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {what}")


async def expect_error(coroutine, code, what):
    try:
        await coroutine
    except MCPError as error:
        check(error.error.code == code, f"{what}: JSON-RPC error {code} (got {error.error.code}: {error.error.message})")
        check(KEY not in error.error.message, f"{what}: the key is not in the message")
        return
    check(False, f"{what}: expected JSON-RPC error {code}, the call succeeded")


async def session(reprise, base, root):
    env = {"OPENROUTER_API_KEY": KEY, "OPENROUTER_BASE_URL": base, "PATH": os.environ.get("PATH", "")}
    server = StdioServerParameters(command=reprise, args=["mcp", "--root", root], env=env, cwd=root)
    with open(os.path.join(root, "server-stderr.log"), "w") as errlog:
        async with stdio_client(server, errlog=errlog) as (read, write):
            async with ClientSession(read, write, read_timeout_seconds=120) as client:
                init = await client.initialize()
                check(init.protocol_version in ("2025-11-25", "2025-06-18"), f"initialize negotiates {init.protocol_version}")
                check(init.server_info.name == "reprise", "serverInfo names reprise")

                tools = {tool.name: tool for tool in (await client.list_tools()).tools}
                expected = {"plan_variants", "run_variants", "status", "wait", "rerun", "diff", "verify", "inspect", "gallery", "models"}
                check(expected <= set(tools), f"tools/list offers {sorted(expected)}")
                for tool in tools.values():
                    check(tool.input_schema.get("type") == "object" and tool.output_schema is not None, f"{tool.name} has input and output schemas")
                    check(tool.annotations is not None and tool.annotations.read_only_hint is not None, f"{tool.name} has annotations")
                check(tools["status"].annotations.read_only_hint is True, "status is read-only")
                check(tools["run_variants"].annotations.read_only_hint is False, "run_variants is not read-only")

                arguments = {"prompt": "A minimalist snow crab logo, flat vector", "count": 2, "out_dir": "gen", "prefix": "crab", "seed": 7}
                plan = await client.call_tool("plan_variants", arguments)
                check(not plan.is_error and plan.structured_content["jobs_planned"] == 2, "plan_variants plans two jobs")
                check(not os.path.exists(os.path.join(root, "gen", "crab-manifest.json")), "plan_variants writes nothing")

                run = await client.call_tool("run_variants", {**arguments, "request_id": "mcp-session-1"})
                check(not run.is_error, f"run_variants succeeds: {run.content[0].text if run.content else ''}")
                ack = run.structured_content
                check(ack["status"] == "queued" and ack["request_id"] == "mcp-session-1", "run_variants acknowledges with the request id")

                progress = []

                async def on_progress(value, total, message):
                    progress.append((value, total, message))

                waited = await client.call_tool("wait", {"request_id": "mcp-session-1", "timeout_seconds": 90}, progress_callback=on_progress)
                done = waited.structured_content
                check(not waited.is_error and done["status"] == "succeeded" and not done["timed_out"], f"wait ends succeeded ({done.get('status')})")
                check(len(progress) >= 1, f"wait sent progress notifications ({len(progress)})")
                links = [item for item in waited.content if item.type == "resource_link"]
                check(len(links) == 2, "wait returns one resource_link per image")
                check(all(item.type != "image" for item in waited.content), "no base64 image without preview")

                status = await client.call_tool("status", {"request_id": "mcp-session-1"})
                check(status.structured_content["counts"]["succeeded"] == 2, "status reports two succeeded")
                image = status.structured_content["images"][0]
                check(image["size"] > 0 and len(image["sha256"]) == 64, "status rows carry size and sha256")

                read = await client.read_resource(links[0].uri)
                blob = base64.b64decode(read.contents[0].blob)
                path = unquote(urlparse(links[0].uri).path)
                check(hashlib.sha256(blob).hexdigest() == hashlib.sha256(open(path, "rb").read()).hexdigest(), "resources/read returns the image bytes")
                listed = [resource.name for resource in (await client.list_resources()).resources]
                check("gen/crab-manifest.json" in listed, f"resources/list lists the manifest ({listed[:5]})")

                verify = await client.call_tool("verify", {"manifest": "gen/crab-manifest.json"})
                check(verify.structured_content["status"] == "ok", "verify finds nothing lost")

                # The other tools, each once, on what this session made.
                rerun = await client.call_tool("rerun", {"manifest": "gen/crab-manifest.json", "dry_run": True})
                check(rerun.structured_content["status"] == "ok", "rerun dry_run: every rebuilt request matches")
                diff = await client.call_tool("diff", {"old": "gen/crab-manifest.json", "new": "gen/crab-manifest.json"})
                check(diff.structured_content["identical"] is True, "diff of a manifest with itself is identical")
                gallery = await client.call_tool("gallery", {"manifest": "gen/crab-manifest.json"})
                page = gallery.structured_content["path"]
                check(os.path.isfile(page) and open(page).read().startswith("<!-- reprise gallery -->"), "gallery writes its page")
                inspected = await client.call_tool("inspect", {"image": unquote(urlparse(links[0].uri).path)})
                check((inspected.structured_content.get("reprise") or {}).get("schema") == "reprise.image/1", "inspect reads the embedded record")
                models = await client.call_tool("models", {"refresh": True})
                check(models.structured_content["source"] == "fetched" and len(models.structured_content["models"]) > 0, "models lists image models")

                await expect_error(client.call_tool("no_such_tool", {}), -32602, "an unknown tool")
                await expect_error(client.call_tool("verify", {"manifest": "/etc/passwd"}), -32602, "a path outside the root")
                await expect_error(client.call_tool("verify", {}), -32602, "a missing argument")
                await expect_error(client.read_resource("file:///etc/passwd"), -32602, "reading a resource outside the root")
                await client.send_ping()
                check(True, "the server keeps running after bad requests")
    log = open(os.path.join(root, "server-stderr.log")).read()
    check(KEY not in log, "the key never appears in the server's log")


def raw_bad_requests(reprise, root):
    """Malformed lines the SDK would never send: each gets its code and the server keeps answering."""
    lines = [
        "not json",
        json.dumps([{"jsonrpc": "2.0", "id": 1, "method": "ping"}]),
        json.dumps({"jsonrpc": "1.0", "id": 2, "method": "ping"}),
        json.dumps({"jsonrpc": "2.0", "id": 3, "method": "no/such/method"}),
        json.dumps({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "status", "arguments": "x"}}),
        json.dumps({"jsonrpc": "2.0", "id": 5, "method": "ping"}),
    ]
    env = {"OPENROUTER_API_KEY": KEY, "PATH": os.environ.get("PATH", "")}
    done = subprocess.run([reprise, "mcp", "--root", root], input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, timeout=60)
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    codes = {reply.get("id"): reply.get("error", {}).get("code") for reply in replies}
    unnamed = [reply["error"]["code"] for reply in replies if reply.get("id") is None]
    check(unnamed == [-32700, -32600], f"not JSON is -32700 and a batch -32600, both with id null: {unnamed}")
    check(codes.get(2) == -32600, "jsonrpc 1.0 is -32600")
    check(codes.get(3) == -32601, "an unknown method is -32601")
    check(codes.get(4) == -32602, "arguments that are not an object are -32602")
    check(any(reply.get("id") == 5 and reply.get("result") == {} for reply in replies), "a ping after them is answered")
    check(KEY not in done.stdout and KEY not in done.stderr, "the key never appears on stdout or stderr")


def main():
    reprise, mock, root = sys.argv[1], sys.argv[2], os.path.realpath(sys.argv[3])
    process, base = start_mock(mock)
    try:
        asyncio.run(session(reprise, base, root))
        raw_bad_requests(reprise, root)
    finally:
        process.terminate()
    print("mcp session: all steps passed")


if __name__ == "__main__":
    main()
