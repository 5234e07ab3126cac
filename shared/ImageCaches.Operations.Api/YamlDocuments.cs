using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// YAML documents read into JSON nodes from the parser's events with an explicit stack, so no
/// input can recurse: nesting beyond the depth limit and bodies that expand (aliases included)
/// beyond the node limit stop the read at once. Mapping keys must be scalars (Kubernetes
/// objects have no other); a plain <c>null</c>, <c>~</c> or empty scalar is null, every other
/// scalar is text.
/// </summary>
internal static class YamlDocuments
{
    public static bool TryRead(string body, int maxDepth, int maxNodes, out IReadOnlyList<JsonNode> documents, out string? error)
    {
        documents = [];
        var list = new List<JsonNode>();
        var parser = new Parser(new StringReader(body));
        var open = new Stack<Frame>();
        var anchors = new Dictionary<string, Anchored>(StringComparer.Ordinal);
        var nodes = 0;
        try
        {
            while (parser.MoveNext())
            {
                JsonNode? completed;
                Anchored? shape;
                switch (parser.Current)
                {
                    case DocumentStart:
                        anchors.Clear();
                        continue;
                    case MappingStart or SequenceStart when open.Count >= maxDepth:
                        error = $"the body nests deeper than {maxDepth} levels";
                        return false;
                    case MappingStart mapping:
                        nodes++;
                        open.Push(new Frame(new JsonObject(), mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value, nodes));
                        break;
                    case SequenceStart sequence:
                        nodes++;
                        open.Push(new Frame(new JsonArray(), sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value, nodes));
                        break;
                    case MappingEnd or SequenceEnd:
                        var frame = open.Pop();
                        completed = frame.Node;
                        shape = new Anchored(frame.Node, nodes - frame.FirstNode + 1, frame.Height);
                        if (frame.Anchor is { } anchor)
                        {
                            anchors[anchor] = shape;
                        }

                        if (!Place(open, list, completed, shape.Height, out error))
                        {
                            return false;
                        }

                        break;
                    case Scalar scalar:
                        nodes++;
                        if (open.TryPeek(out var parent) && parent.Node is JsonObject && parent.Key is null)
                        {
                            parent.Key = scalar.Value;
                            break;
                        }

                        completed = IsNull(scalar) ? null : JsonValue.Create(scalar.Value);
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = new Anchored(completed, 1, 0);
                        }

                        if (!Place(open, list, completed, 0, out error))
                        {
                            return false;
                        }

                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            error = $"the body uses the undefined YAML alias *{alias.Value.Value}";
                            return false;
                        }

                        nodes += target.Nodes;
                        if (nodes > maxNodes)
                        {
                            break;
                        }

                        if (open.TryPeek(out var owner) && owner.Node is JsonObject && owner.Key is null)
                        {
                            error = "the body uses an alias as a mapping key; keys must be plain text";
                            return false;
                        }

                        if (open.Count + target.Height > maxDepth)
                        {
                            error = $"the body nests deeper than {maxDepth} levels";
                            return false;
                        }

                        // The clone recurses at most maxDepth levels: the check above bounds it.
                        if (!Place(open, list, target.Node?.DeepClone(), target.Height, out error))
                        {
                            return false;
                        }

                        break;
                }

                if (nodes > maxNodes)
                {
                    error = $"the body expands to more than {maxNodes} YAML nodes";
                    return false;
                }
            }
        }
        catch (YamlException ex)
        {
            error = $"the body is neither JSON nor valid YAML: {BoundedText.Quote(ex.Message)}";
            return false;
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

    /// <summary>Adds a finished node to the open container, or as a document when none is open.</summary>
    private static bool Place(Stack<Frame> open, List<JsonNode> documents, JsonNode? node, int height, out string? error)
    {
        error = null;
        if (!open.TryPeek(out var parent))
        {
            if (node is not null)
            {
                documents.Add(node);
            }

            return true;
        }

        parent.Height = Math.Max(parent.Height, height + 1);
        switch (parent.Node)
        {
            case JsonArray array:
                array.Add(node);
                return true;
            case JsonObject obj when parent.Key is { } key:
                if (!obj.TryAdd(key, node))
                {
                    error = $"the body has the key \"{key}\" twice in one mapping";
                    return false;
                }

                parent.Key = null;
                return true;
            default:
                error = "the body has a mapping key that is not plain text";
                return false;
        }
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null";

    private sealed class Frame(JsonNode node, string? anchor, int firstNode)
    {
        public JsonNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public int FirstNode { get; } = firstNode;

        /// <summary>Levels below this container (0 for one holding only scalars).</summary>
        public int Height { get; set; }

        /// <summary>In a mapping: the key read, waiting for its value.</summary>
        public string? Key { get; set; }
    }

    private sealed record Anchored(JsonNode? Node, int Nodes, int Height);
}
