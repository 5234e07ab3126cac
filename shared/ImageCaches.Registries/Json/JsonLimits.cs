using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>Limits applied to every JSON body read from a sender.</summary>
internal static class JsonLimits
{
    /// <summary>Nesting depth: real payloads stay under 10; a hostile one must not recurse deeply.</summary>
    public const int MaxDepth = 64;

    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };
}
