using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;
using ImageCacheFunctions.Emulators.Kubernetes.Selection;
using ImageCacheFunctions.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>
/// The HTTP face of the emulator: routes Kubernetes API paths, negotiates JSON, YAML and
/// Table, answers discovery and OpenAPI, runs the verbs on <see cref="ObjectLifecycle"/>,
/// streams watches, and records every request.
/// </summary>
internal sealed class ApiRequestHandler(
    ResourceCatalog catalog,
    ObjectLifecycle lifecycle,
    TimeProvider clock,
    string? bearerToken,
    Action<EmulatorRequest> record,
    Func<EmulatorRequest, KubernetesFault?> takeFault,
    CancellationToken stopping)
{
    private const int MaxBodyBytes = 3 * 1024 * 1024;

    // Set once a long request (a watch) has been recorded when it opened.
    private static readonly object RecordedKey = new();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var entry = new EmulatorRequest(request.Method, path, request.QueryString.Value ?? "", "discovery", null, null, null, null, null, 0);
        try
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments is ["version"] or ["healthz"] or ["livez"] or ["readyz"])
            {
                entry = entry with { Verb = "get" };
                if (segments[0] == "version")
                {
                    await WriteJsonAsync(context, 200, DiscoveryDocuments.Version());
                }
                else
                {
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync("ok", context.RequestAborted);
                }
                return;
            }
            Authenticate(request);
            switch (segments)
            {
                case []:
                    await WriteJsonAsync(context, 200, RootPaths());
                    return;
                case ["openapi", "v2"]:
                    throw StatusDocuments.PathNotFound();
                case ["openapi", "v3"]:
                    await WriteJsonAsync(context, 200, OpenApiDocuments.Index(catalog));
                    return;
                case ["openapi", "v3", "api", var coreVersion]:
                    await WriteJsonAsync(context, 200, OpenApiDocuments.GroupVersion(catalog, "", coreVersion) ?? throw StatusDocuments.PathNotFound());
                    return;
                case ["openapi", "v3", "apis", var openApiGroup, var openApiVersion]:
                    await WriteJsonAsync(context, 200, OpenApiDocuments.GroupVersion(catalog, openApiGroup, openApiVersion) ?? throw StatusDocuments.PathNotFound());
                    return;
                case ["api"]:
                    await WriteJsonAsync(context, 200, DiscoveryDocuments.CoreVersions($"{request.Host.Host}:{request.Host.Port}"));
                    return;
                case ["api", var version]:
                    await WriteJsonAsync(context, 200, DiscoveryDocuments.Resources(catalog, "", version) ?? throw StatusDocuments.PathNotFound());
                    return;
                case ["apis"]:
                    await WriteJsonAsync(context, 200, DiscoveryDocuments.Groups(catalog));
                    return;
                case ["apis", var group]:
                    await WriteJsonAsync(context, 200, DiscoveryDocuments.Group(catalog, group) ?? throw StatusDocuments.PathNotFound());
                    return;
                case ["apis", var group, var version]:
                    await WriteJsonAsync(context, 200, DiscoveryDocuments.Resources(catalog, group, version) ?? throw StatusDocuments.PathNotFound());
                    return;
                case ["api", var version, .. var rest]:
                    await HandleResourceAsync(context, Target("", version, rest), e => entry = e, entry);
                    return;
                case ["apis", var group, var version, .. var rest]:
                    await HandleResourceAsync(context, Target(group, version, rest), e => entry = e, entry);
                    return;
                default:
                    throw StatusDocuments.PathNotFound();
            }
        }
        catch (ApiException ex)
        {
            await WriteJsonAsync(context, ex.Code, ex.Status);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client or the emulator went away mid-request.
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            // An emulator bug: answer as the apiserver answers its own failures, without a stack trace.
            var error = StatusDocuments.Internal(ex.Message);
            await WriteJsonAsync(context, error.Code, error.Status);
        }
        finally
        {
            if (!context.Items.ContainsKey(RecordedKey))
            {
                record(entry with { StatusCode = context.Response.StatusCode });
            }
        }
    }

    private void Authenticate(HttpRequest request)
    {
        if (bearerToken is null)
        {
            return;
        }
        var header = request.Headers.Authorization.ToString();
        if (header != "Bearer " + bearerToken)
        {
            throw StatusDocuments.Unauthorized();
        }
    }

    private RequestTarget Target(string group, string version, string[] rest)
    {
        var watchPrefix = false;
        if (rest is ["watch", .. var afterWatch])
        {
            watchPrefix = true;
            rest = afterWatch;
        }
        string? ns = null;
        if (rest is ["namespaces", var namespaceName, var next, ..] && !(rest.Length == 3 && next is "status" or "finalize"))
        {
            ns = namespaceName;
            rest = rest[2..];
        }
        if (rest.Length is 0 or > 3)
        {
            throw StatusDocuments.PathNotFound();
        }
        var type = catalog.Find(group, version, rest[0]) ?? throw StatusDocuments.PathNotFound();
        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if ((ns is not null && !type.Namespaced)
            || (ns is null && type.Namespaced && name is not null)
            || (subresource is not null && !(subresource == "status" && type.HasStatus)))
        {
            throw StatusDocuments.PathNotFound();
        }
        return new RequestTarget(type, ns, name, subresource, watchPrefix);
    }

    private async Task HandleResourceAsync(HttpContext context, RequestTarget target, Action<EmulatorRequest> classify, EmulatorRequest entry)
    {
        var request = context.Request;
        var query = request.Query;
        var type = target.Type;
        var watch = target.WatchPrefix || query["watch"].ToString() is "1" or "true";
        var verb = (request.Method, target.Name) switch
        {
            ("GET", null) => watch ? "watch" : "list",
            ("GET", _) => watch ? "watch" : "get",
            ("POST", null) => "create",
            ("PUT", not null) => "update",
            ("PATCH", not null) => "patch",
            ("DELETE", not null) => "delete",
            ("DELETE", null) => "deletecollection",
            _ => "unknown",
        };
        var classified = entry with
        {
            Verb = verb,
            Group = type.Group,
            Resource = type.Plural,
            Subresource = target.Subresource,
            Namespace = target.Namespace,
            Name = target.Name,
        };
        classify(classified);
        if (takeFault(classified) is { } fault && await FailAsync(context, fault))
        {
            return;
        }
        if (verb == "unknown" || (target.Subresource is not null && verb is not ("get" or "update" or "patch")))
        {
            throw StatusDocuments.MethodNotAllowed();
        }
        if (verb == "create" && type.Namespaced && target.Namespace is null)
        {
            throw StatusDocuments.MethodNotAllowed();
        }
        var options = ReadWriteOptions(query);
        var ns = target.Namespace;
        var name = target.Name;
        var now = clock.GetUtcNow();
        // Resources stored as another type (events.k8s.io Events) are converted at the edge.
        var conversion = type.Conversion;
        var storageType = conversion?.StorageType ?? type;
        switch (verb)
        {
            case "get":
                var stored = lifecycle.Get(storageType, ns, name!);
                if (TableDocuments.Wanted(request.Headers.Accept))
                {
                    var table = TableDocuments.Render(type, [Served(type, stored.ToJson())], new JsonObject { ["resourceVersion"] = stored.ResourceVersion.ToString(CultureInfo.InvariantCulture) }, query["includeObject"], now);
                    await WriteJsonAsync(context, 200, table);
                }
                else if (conversion is not null)
                {
                    await WriteJsonAsync(context, 200, Served(type, stored.ToJson()));
                }
                else
                {
                    await WriteRawAsync(context, 200, stored.Json);
                }
                return;
            case "list":
                await ListAsync(context, target);
                return;
            case "watch":
                await WatchAsync(context, target, classified);
                return;
            case "create":
                await WriteOutcomeAsync(context, type, lifecycle.Create(storageType, ns, ToStorage(type, await ReadObjectAsync(context)), options));
                return;
            case "update":
                await WriteOutcomeAsync(context, type, lifecycle.Update(storageType, ns, name!, target.Subresource, ToStorage(type, await ReadObjectAsync(context)), options));
                return;
            case "patch":
                var (kind, patch) = await ReadPatchAsync(context);
                await WriteOutcomeAsync(context, type, lifecycle.Patch(storageType, ns, name!, target.Subresource, kind, patch, options, conversion));
                return;
            case "delete":
                await WriteOutcomeAsync(context, type, lifecycle.Delete(storageType, ns, name!, await ReadDeleteOptionsAsync(context), options));
                return;
            case "deletecollection":
                var labels = LabelSelector.Parse(query["labelSelector"]);
                var fields = FieldSelector.Parse(query["fieldSelector"], type);
                var deleted = lifecycle.DeleteCollection(storageType, ns, labels, fields, await ReadDeleteOptionsAsync(context), options);
                var list = new JsonObject
                {
                    ["apiVersion"] = type.ApiVersion,
                    ["kind"] = type.ListKind,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = lifecycle.Store.Revision.ToString(CultureInfo.InvariantCulture) },
                    ["items"] = new JsonArray([.. deleted.Select(d => Served(type, d))]),
                };
                await WriteJsonAsync(context, 200, list);
                return;
        }
    }

    /// <summary>Applies an injected fault; true when it answered the request.</summary>
    private async Task<bool> FailAsync(HttpContext context, KubernetesFault fault)
    {
        if (fault.Delay > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await Task.Delay(fault.Delay, linked.Token);
        }
        if (fault.StatusCode == 0)
        {
            return false;
        }
        var (reason, message) = fault.StatusCode switch
        {
            429 => ("TooManyRequests", "the server has received too many requests and has asked us to try again later"),
            409 => ("Conflict", "the object has been modified; please apply your changes to the latest version and try again"),
            500 => ("InternalError", "an error on the server (\"injected fault\") has prevented the request from succeeding"),
            503 => ("ServiceUnavailable", "the server is currently unable to handle the request"),
            504 => ("Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request"),
            _ => ("Unknown", $"injected fault {fault.StatusCode}"),
        };
        if (fault.StatusCode == 429)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        await WriteJsonAsync(context, fault.StatusCode, StatusDocuments.Failure(fault.StatusCode, reason, message, null));
        return true;
    }

    /// <summary>An object as the requested resource shows it.</summary>
    private static JsonObject Served(ResourceType type, JsonObject stored) =>
        type.Conversion is null || stored.String("kind") == "Status" ? stored : type.Conversion.FromStorage(stored);

    private static JsonObject ToStorage(ResourceType type, JsonObject body)
    {
        if (type.Conversion is null)
        {
            return body;
        }
        var apiVersion = body.String("apiVersion");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw StatusDocuments.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
        return type.Conversion.ToStorage(body);
    }

    private async Task ListAsync(HttpContext context, RequestTarget target)
    {
        var query = context.Request.Query;
        var type = target.Type;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], type);
        int? limit = null;
        if (query["limit"].ToString() is { Length: > 0 } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw StatusDocuments.BadRequest($"invalid limit: {limitText}");
            }
            limit = parsed;
        }
        var page = lifecycle.List(type.Conversion?.StorageType ?? type, target.Namespace, labels, fields, limit, query["continue"]);
        var listMetadata = new JsonObject { ["resourceVersion"] = page.Revision.ToString(CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
        {
            listMetadata["continue"] = page.Continue;
        }
        if (page.RemainingItemCount is { } remaining)
        {
            listMetadata["remainingItemCount"] = remaining;
        }
        if (TableDocuments.Wanted(context.Request.Headers.Accept))
        {
            var table = TableDocuments.Render(type, page.Items.Select(i => Served(type, i.ToJson())), listMetadata, query["includeObject"], clock.GetUtcNow());
            await WriteJsonAsync(context, 200, table);
            return;
        }
        // Stream the stored bytes: no re-serialisation of every item.
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonText.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("apiVersion", type.ApiVersion);
        writer.WriteString("kind", type.ListKind);
        writer.WritePropertyName("metadata");
        listMetadata.WriteTo(writer);
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            writer.WriteRawValue(type.Conversion is null ? item.Json : JsonText.ToBytes(Served(type, item.ToJson())), skipInputValidation: true);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private async Task WatchAsync(HttpContext context, RequestTarget target, EmulatorRequest entry)
    {
        var query = context.Request.Query;
        var type = target.Type;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], type);
        if (target.Name is not null)
        {
            fields = FieldSelector.Parse($"metadata.name={target.Name}", type);
        }
        long? from = null;
        var resourceVersion = query["resourceVersion"].ToString();
        if (resourceVersion is { Length: > 0 } and not "0")
        {
            if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw StatusDocuments.BadRequest($"invalid resource version: {resourceVersion}");
            }
            from = parsed;
        }
        var timeout = TimeSpan.FromMinutes(30);
        if (query["timeoutSeconds"].ToString() is { Length: > 0 } timeoutText
            && int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            timeout = TimeSpan.FromSeconds(seconds);
        }
        var asTable = TableDocuments.Wanted(context.Request.Headers.Accept);
        var includeObject = query["includeObject"].ToString();

        WatchSubscription subscription;
        JsonObject? expired = null;
        lock (lifecycle.Store.Gate)
        {
            try
            {
                subscription = lifecycle.Store.Watch(type.StorageKey, target.Namespace,
                    obj => labels.Matches(obj.Labels) && fields.Matches(obj.Namespace, obj.Name, obj.ToJson), from);
            }
            catch (ApiException ex) when (ex.Code == 410)
            {
                subscription = new WatchSubscription(type.StorageKey, target.Namespace, _ => false);
                expired = ex.Status;
            }
        }
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.StartAsync(context.RequestAborted);
        // Send the headers now: clients wait for them before they consider the watch open.
        await response.Body.FlushAsync(context.RequestAborted);
        // A watch is recorded when it opens, so tests can see it while it runs.
        context.Items[RecordedKey] = true;
        record(entry with { StatusCode = 200 });
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, timeoutSource.Token);
        try
        {
            if (expired is not null)
            {
                await WriteWatchLineAsync(response, new JsonObject { ["type"] = "ERROR", ["object"] = expired }, linked.Token);
                return;
            }
            var first = true;
            await foreach (var change in subscription.Events.ReadAllAsync(linked.Token))
            {
                JsonNode payload;
                if (asTable)
                {
                    payload = TableDocuments.Render(type, [Served(type, change.Object.ToJson())],
                        new JsonObject { ["resourceVersion"] = change.ResourceVersion.ToString(CultureInfo.InvariantCulture) }, includeObject, clock.GetUtcNow(), first);
                    first = false;
                }
                else
                {
                    payload = Served(type, change.Object.ToJson());
                }
                await WriteWatchLineAsync(response, new JsonObject { ["type"] = change.Type, ["object"] = payload }, linked.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone or emulator stopping: the watch ends as a closed stream, as on a real apiserver.
        }
        finally
        {
            lock (lifecycle.Store.Gate)
            {
                lifecycle.Store.Unwatch(subscription);
            }
        }
    }

    private static async Task WriteWatchLineAsync(HttpResponse response, JsonObject line, CancellationToken cancellationToken)
    {
        var bytes = JsonText.ToBytes(line);
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static WriteOptions ReadWriteOptions(IQueryCollection query)
    {
        var dryRun = query["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw StatusDocuments.BadRequest($"Invalid dryRun value: {dryRun}: supported values: \"All\"");
        }
        var validation = query["fieldValidation"].ToString();
        if (validation.Length == 0)
        {
            validation = "Warn";
        }
        if (validation is not ("Ignore" or "Warn" or "Strict"))
        {
            throw StatusDocuments.BadRequest($"fieldValidation: Unsupported value: \"{validation}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        var manager = query["fieldManager"].ToString();
        return new WriteOptions(dryRun == "All", validation, manager.Length == 0 ? null : manager);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new ApiException(413, StatusDocuments.Failure(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728", null));
            }
        }
        return buffer.ToArray();
    }

    private static string MediaType(HttpRequest request) =>
        (request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        var mediaType = MediaType(context.Request);
        var node = mediaType switch
        {
            "application/json" or "" => ParseJson(body),
            "application/yaml" or "application/x-yaml" or "text/yaml" => ParseYaml(body),
            ProtobufBodies.MediaType => ProtobufBodies.Decode(body),
            _ => throw StatusDocuments.UnsupportedMediaType(
                $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"),
        };
        return node as JsonObject ?? throw StatusDocuments.BadRequest("Object 'Kind' is missing in the request body (expected a JSON object)");
    }

    private static async Task<JsonObject?> ReadDeleteOptionsAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (body.Length == 0)
        {
            return null;
        }
        var node = MediaType(context.Request) is "application/yaml" or "application/x-yaml" or "text/yaml" ? ParseYaml(body) : ParseJson(body);
        return node as JsonObject;
    }

    private static async Task<(PatchKind, JsonNode?)> ReadPatchAsync(HttpContext context)
    {
        var mediaType = MediaType(context.Request);
        var kind = mediaType switch
        {
            "application/merge-patch+json" => PatchKind.Merge,
            "application/json-patch+json" => PatchKind.Json,
            "application/strategic-merge-patch+json" => PatchKind.StrategicMerge,
            "application/apply-patch+yaml" or "application/apply-patch+json" or "application/apply-patch+cbor" => PatchKind.Apply,
            _ => throw StatusDocuments.UnsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"),
        };
        var body = await ReadBodyAsync(context);
        var patch = kind == PatchKind.Apply && mediaType.EndsWith("yaml", StringComparison.Ordinal) ? ParseYaml(body) : ParseJson(body);
        return (kind, patch);
    }

    private static JsonNode? ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            throw StatusDocuments.BadRequest("the request body is empty");
        }
        try
        {
            return JsonText.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw StatusDocuments.BadRequest($"couldn't get version/kind; json parse error: {ex.Message}");
        }
    }

    private static JsonNode? ParseYaml(byte[] body)
    {
        try
        {
            var documents = YamlDocuments.Parse(Encoding.UTF8.GetString(body));
            return documents.Count switch
            {
                0 => throw StatusDocuments.BadRequest("the request body is empty"),
                1 => documents[0],
                _ => throw StatusDocuments.BadRequest("the request body holds more than one YAML document"),
            };
        }
        catch (YamlException ex)
        {
            throw StatusDocuments.BadRequest($"error converting YAML to JSON: yaml: line {ex.Start.Line}: {ex.Message}");
        }
    }

    private static async Task WriteOutcomeAsync(HttpContext context, ResourceType type, WriteOutcome outcome)
    {
        foreach (var warning in outcome.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - {JsonNodes.GoQuote(warning)}");
        }
        await WriteJsonAsync(context, outcome.Code, Served(type, outcome.Body));
    }

    private static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body)
    {
        await WriteRawAsync(context, code, JsonText.ToBytes(body));
    }

    private static async Task WriteRawAsync(HttpContext context, int code, byte[] body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private JsonObject RootPaths()
    {
        var paths = new List<string> { "/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v3", "/readyz", "/version" };
        foreach (var type in catalog.All.Where(t => t.Group.Length > 0))
        {
            paths.Add($"/apis/{type.Group}");
            paths.Add($"/apis/{type.Group}/{type.Version}");
        }
        return new JsonObject { ["paths"] = JsonNodes.ToJsonArray(paths.Distinct().Order(StringComparer.Ordinal)) };
    }
}
