using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>A CloudEvent's data as JSON, whatever form the formatter left it in.</summary>
internal static class CloudEventData
{
    public static JsonElement? AsJson(CloudEvent cloudEvent)
    {
        try
        {
            return cloudEvent.Data switch
            {
                JsonElement element => element,
                byte[] bytes => JsonDocument.Parse(bytes, JsonLimits.DocumentOptions).RootElement.Clone(),
                string text => JsonDocument.Parse(text, JsonLimits.DocumentOptions).RootElement.Clone(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
