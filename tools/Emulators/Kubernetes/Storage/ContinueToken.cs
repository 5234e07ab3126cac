using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>The opaque continue token of paged lists: where the last page stopped (base64url JSON, as the apiserver's).</summary>
internal static class ContinueToken
{
    public static string Encode(long revision, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = lastKey + "\u0000" };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonText.ToText(json)));
    }

    public static (long Revision, string AfterKey) Decode(string token)
    {
        try
        {
            var json = JsonText.Parse(Base64Url.DecodeFromChars(token)) as JsonObject;
            if (json.String("v") != "meta.k8s.io/v1" || json.String("start") is not { Length: > 0 } start || json.Int64("rv") is not { } revision)
            {
                throw StatusDocuments.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }
            return (revision, start.TrimEnd('\u0000'));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw StatusDocuments.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }
}
