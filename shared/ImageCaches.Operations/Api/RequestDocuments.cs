using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// A request body read as one or more documents: JSON, or YAML (several documents separated by
/// <c>---</c>, as <c>kubectl get -o yaml</c> and manifest files are). YAML scalars become JSON
/// strings: only strings (images, annotations, names) are read from these documents.
/// </summary>
public static class RequestDocuments
{
    /// <summary>Most nodes one body may expand to; YAML aliases could otherwise blow a small body up.</summary>
    public const int MaxNodes = 200_000;

    public static bool TryParse(string? body, string? contentType, out IReadOnlyList<JsonNode> documents, out string? error)
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
                var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
                documents = node is null ? [] : [node];
                error = node is null ? "the body is JSON null" : null;
                return node is not null;
            }
            catch (JsonException ex) when (saysJson || !trimmed.StartsWith('{'))
            {
                error = $"the body is not valid JSON: {ex.Message}";
                return false;
            }
            catch (JsonException ex)
            {
                // "{a: b}" is YAML flow style; read it as YAML below, and report the JSON error if that fails too.
                jsonError = ex.Message;
            }
        }

        if (TryParseYaml(body, out documents, out error))
        {
            return true;
        }

        if (jsonError is not null)
        {
            error = $"the body is not valid JSON: {jsonError}";
        }

        return false;
    }

    private static bool TryParseYaml(string body, out IReadOnlyList<JsonNode> documents, out string? error)
    {
        documents = [];
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(body);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            error = $"the body is neither JSON nor valid YAML: {ex.Message}";
            return false;
        }

        var budget = new Budget(MaxNodes);
        var list = new List<JsonNode>();
        foreach (var document in stream.Documents)
        {
            var node = Convert(document.RootNode, budget, depth: 0);
            if (budget.Exceeded)
            {
                error = $"the body expands to more than {MaxNodes} YAML nodes";
                return false;
            }

            if (node is not null)
            {
                list.Add(node);
            }
        }

        if (list.Count == 0)
        {
            error = "the body holds no YAML document";
            return false;
        }

        documents = list;
        error = null;
        return true;
    }

    private static JsonNode? Convert(YamlNode node, Budget budget, int depth)
    {
        if (!budget.Take() || depth > 64)
        {
            budget.Exceeded = true;
            return null;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name })
                    {
                        obj[name] = Convert(value, budget, depth + 1);
                    }
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, budget, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                // A plain "null" or "~" is null; everything else is read as text.
                return scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null"
                    ? null
                    : JsonValue.Create(scalar.Value ?? "");
            default:
                return null;
        }
    }

    private sealed class Budget(int nodes)
    {
        private int _left = nodes;

        public bool Exceeded { get; set; }

        public bool Take() => --_left >= 0;
    }
}
