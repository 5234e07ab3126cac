using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Text;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// A request body read as one or more documents: JSON, or YAML (several documents separated by
/// <c>---</c>, as <c>kubectl get -o yaml</c> and manifest files are). YAML scalars become JSON
/// strings: only strings (images, annotations, names) are read from these documents.
/// </summary>
/// <remarks>
/// Both readers are bounded: nesting at <see cref="MaxDepth"/>, YAML nodes (aliases included)
/// at <see cref="MaxNodes"/>, and neither recurses (<see cref="YamlDocuments"/> reads events with
/// an explicit stack), so a deep body is a 400, never a stack overflow. A body that broke the
/// JSON reader's depth limit is refused as it is, never handed to the YAML reader.
/// </remarks>
public static class RequestDocuments
{
    /// <summary>Most nodes one body may expand to; YAML aliases could otherwise blow a small body up.</summary>
    public const int MaxNodes = 200_000;

    /// <summary>Deepest nesting read: Kubernetes objects stay under 20 levels.</summary>
    public const int MaxDepth = JsonText.MaxDepth;

    public static bool TryParse(string? body, string? contentType, out IReadOnlyList<JsonText> documents, out string? error)
    {
        documents = [];
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "the body is empty: send a Pod, a workload (Deployment, StatefulSet, Job, CronJob, ...) or {\"images\": [...]}, as JSON or YAML";
            return false;
        }

        var trimmed = body.TrimStart();
        string? jsonError = null;
        var looksJson = trimmed.StartsWith('{') || trimmed.StartsWith('[');
        var saysJson = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (looksJson || saysJson)
        {
            try
            {
                var utf8 = Encoding.UTF8.GetBytes(body);
                // The document checks what JsonText does not (a property given twice); it is not kept.
                using (JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false }))
                {
                }

                var root = JsonText.Parse(utf8);
                var isNull = root.ValueKind == JsonValueKind.Null;
                documents = isNull ? [] : [root];
                error = isNull ? "the body is JSON null" : null;
                return !isNull;
            }
            catch (JsonException ex) when (saysJson || !trimmed.StartsWith('{') || ExceedsJsonDepth(body))
            {
                error = $"the body is not valid JSON: {BoundedText.Quote(ex.Message)}";
                return false;
            }
            catch (JsonException ex)
            {
                // "{a: b}" is YAML flow style; read it as YAML below, and report the JSON error if that fails too.
                jsonError = BoundedText.Quote(ex.Message);
            }
        }

        if (YamlDocuments.TryRead(body, MaxDepth, MaxNodes, out var yaml, out error))
        {
            // At most MaxNodes nodes: the same reading as a JSON body from here on.
            documents = [.. yaml.Select(node => JsonText.Parse(JsonSerializer.SerializeToUtf8Bytes(node)))];
            return true;
        }

        if (jsonError is not null)
        {
            error = $"the body is not valid JSON: {jsonError}";
        }

        return false;
    }

    /// <summary>True when the JSON reader stops at its depth limit (rather than at a syntax error).</summary>
    private static bool ExceedsJsonDepth(string body)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
            }

            return false;
        }
        catch (JsonException)
        {
            return reader.CurrentDepth >= MaxDepth;
        }
    }
}
