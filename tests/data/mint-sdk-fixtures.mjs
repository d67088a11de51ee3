// Mints tests/data/sdk_tokens.json with the official Azure Web PubSub server SDK
// (see tests/data/README.md):
//
//   npm install --prefix /tmp/sdkmint @azure/web-pubsub@1.2.0
//   SDK_PREFIX=/tmp/sdkmint node tests/data/mint-sdk-fixtures.mjs > tests/data/sdk_tokens.json
//
// SDK_PREFIX defaults to /tmp/sdkmint. Everything runs on 127.0.0.1: a throw-away HTTP server
// stands in for the service, answers each REST call with the status code the SDK expects, and
// records the method, path+query and Authorization header of every request. The access key is
// a fixed test value, not a secret.

import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

const sdkPrefix = process.env.SDK_PREFIX ?? "/tmp/sdkmint";
const require = createRequire(path.join(sdkPrefix, "package.json"));
const sdkPath = require.resolve("@azure/web-pubsub");
const { WebPubSubServiceClient } = await import(sdkPath);
const sdkVersion = require("@azure/web-pubsub/package.json").version;

// base64 of "watchroom-test-key-not-a-secret"; the trailing "==" checks that parsers split
// each pair at the first '='.
const ACCESS_KEY = "d2F0Y2hyb29tLXRlc3Qta2V5LW5vdC1hLXNlY3JldA==";
const HUB = "Chat_Hub";

// Status codes of the SDK's generated operation specs (reference §8).
function statusFor(method, pathname) {
    if (pathname.endsWith("/:send")) return 202;
    if (pathname.endsWith("/:closeConnections")) return 204;
    if (pathname.endsWith("/:addToGroups") || pathname.endsWith("/:removeFromGroups")) return 200;
    if (pathname.endsWith("/:generateToken")) return 200;
    switch (method) {
        case "PUT": return 200;
        case "DELETE": return 204;
        case "HEAD": return 200;
        case "GET": return 200;
        default: return 400;
    }
}

function bodyFor(pathname, method) {
    if (pathname.endsWith("/:generateToken")) return JSON.stringify({ token: "unused" });
    if (method === "GET") return JSON.stringify({ value: [] });
    if (pathname.endsWith("/:addToGroups") || pathname.endsWith("/:removeFromGroups")) return "{}";
    return null;
}

const requests = [];
let currentOperation = "";

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
        const pathname = req.url.split("?")[0];
        const status = statusFor(req.method, pathname);
        const auth = req.headers["authorization"] ?? "";
        requests.push({
            operation: currentOperation,
            method: req.method,
            path: req.url,
            contentType: req.headers["content-type"] ?? null,
            body: Buffer.concat(chunks).toString("latin1"),
            authorization: auth,
            status,
        });
        const body = bodyFor(pathname, req.method);
        if (body !== null) {
            res.writeHead(status, { "content-type": "application/json" });
            res.end(body);
        } else {
            res.writeHead(status);
            res.end();
        }
    });
});

await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = server.address().port;
const connectionString = `Endpoint=http://127.0.0.1;Port=${port};AccessKey=${ACCESS_KEY};Version=1.0;`;
const client = new WebPubSubServiceClient(connectionString, HUB, { allowInsecureConnection: true });

const tokenCases = [
    { name: "no options", options: {} },
    {
        name: "user roles groups 5 minutes",
        options: {
            userId: "alice",
            roles: ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup.g1"],
            groups: ["g1", "g 2"],
            expirationTimeInMinutes: 5,
        },
    },
    { name: "roles only", options: { roles: ["webpubsub.sendToGroup"] } },
    { name: "user only 90 minutes", options: { userId: "bob@example.com", expirationTimeInMinutes: 90 } },
];

const clientTokens = [];
for (const { name, options } of tokenCases) {
    const { token, baseUrl, url } = await client.getClientAccessToken(options);
    clientTokens.push({ name, options, token, baseUrl, url });
}

const operations = [
    ["sendToAll json", () => client.sendToAll({ hello: "world" })],
    ["sendToAll text filter ttl", () => client.sendToAll("plain text", {
        contentType: "text/plain", filter: "userId ne 'bob'", messageTtlSeconds: 10 })],
    ["sendToUser", () => client.sendToUser("bob", { a: 1 })],
    ["sendToConnection encoded id", () => client.sendToConnection("conn/1", "hi", { contentType: "text/plain" })],
    ["group sendToAll encoded name excluded", () => client.group("g 1").sendToAll({ x: 1 }, {
        excludedConnections: ["c1", "c2"] })],
    ["group addConnection", () => client.group("g1").addConnection("conn1")],
    ["group removeConnection", () => client.group("g1").removeConnection("conn1")],
    ["group addUser", () => client.group("g1").addUser("bob")],
    ["group removeUser", () => client.group("g1").removeUser("bob")],
    ["groupExists", () => client.groupExists("g1")],
    ["connectionExists encoded id", () => client.connectionExists("conn/1")],
    ["closeConnection reason", () => client.closeConnection("conn1", { reason: "bye" })],
    ["closeAllConnections", () => client.closeAllConnections()],
    ["removeUserFromAllGroups", () => client.removeUserFromAllGroups("bob")],
    ["grantPermission targetName", () => client.grantPermission("conn1", "sendToGroup", { targetName: "g1" })],
    ["addConnectionsToGroups", () => client.addConnectionsToGroups(["g1", "g2"], "userId eq 'bob'")],
];

for (const [name, call] of operations) {
    currentOperation = name;
    await call();
}

server.close();

const fixture = {
    generator: "tests/data/mint-sdk-fixtures.mjs",
    sdk: `@azure/web-pubsub@${sdkVersion}`,
    node: process.version,
    generatedAt: new Date().toISOString(),
    accessKey: ACCESS_KEY,
    connectionString,
    hub: HUB,
    port,
    clientTokens,
    restRequests: requests,
};
process.stdout.write(JSON.stringify(fixture, null, 2) + "\n");
