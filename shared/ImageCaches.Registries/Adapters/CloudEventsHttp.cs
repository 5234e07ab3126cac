using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// The CloudEvents HTTP protocol binding on a <see cref="WebhookRequest"/>: structured and batch
/// mode through the SDK's JSON formatter, binary mode by mapping the <c>ce-</c> headers (the
/// SDK's ASP.NET Core package, which does that, is not used) and decoding the body with the
/// formatter's binary-mode data decoder.
/// </summary>
internal static class CloudEventsHttp
{
    private const string HeaderPrefix = "ce-";

    private static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(), JsonLimits.DocumentOptions);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // contentTypeOverride: the content type to decode as when the request's is known to be wrong (a relabelled batch).
    public static (IReadOnlyList<CloudEvent>? Events, string? Error) Decode(WebhookRequest request, CloudEventMode mode, string? mediaType, string? contentTypeOverride = null)
    {
        try
        {
            var contentType = IncomingPayload.ContentTypeOf(contentTypeOverride ?? request.ContentType, mediaType);
            return mode switch
            {
                CloudEventMode.Structured => ([Formatter.DecodeStructuredModeMessage(request.Body, contentType, null)], null),
                CloudEventMode.Batch => (Formatter.DecodeBatchModeMessage(request.Body, contentType, null), null),
                _ => DecodeBinary(request),
            };
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException or NotSupportedException or DecoderFallbackException)
        {
            return (null, $"the CloudEvent cannot be read ({Shorten(e.Message)})");
        }
    }

    private static (IReadOnlyList<CloudEvent>? Events, string? Error) DecodeBinary(WebhookRequest request)
    {
        var versionText = DecodeHeaderValue(request.Header("ce-specversion") ?? string.Empty);
        if (versionText is null || CloudEventsSpecVersion.FromVersionId(versionText) is not { } version)
        {
            return (null, $"ce-specversion '{Shorten(request.Header("ce-specversion") ?? string.Empty)}' is not a supported CloudEvents version");
        }

        var cloudEvent = new CloudEvent(version);
        foreach (var (header, rawValue) in request.Headers)
        {
            if (!header.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = header[HeaderPrefix.Length..].ToLowerInvariant();

            // datacontenttype travels as Content-Type in binary mode, never as a ce- header.
            if (name is "specversion" or "datacontenttype")
            {
                continue;
            }

            if (DecodeHeaderValue(rawValue) is not { } value)
            {
                return (null, $"header {header} is not valid percent-encoded UTF-8");
            }

            cloudEvent.SetAttributeFromString(name, value);
        }

        if (request.ContentType is { Length: > 0 } contentType)
        {
            cloudEvent.DataContentType = contentType;
        }

        Formatter.DecodeBinaryModeEventData(request.Body, cloudEvent);
        if (!cloudEvent.IsValid)
        {
            var missing = cloudEvent.SpecVersion.RequiredAttributes
                .Where(attribute => cloudEvent[attribute] is null)
                .Select(attribute => "ce-" + attribute.Name);
            return (null, $"the binary-mode CloudEvent lacks {string.Join(", ", missing)}");
        }

        return ([cloudEvent], null);
    }

    /// <summary>
    /// Unquotes a quoted-string, then one round of percent-decoding to UTF-8 (invalid UTF-8 or
    /// escapes: null), per the HTTP binding's header value rules.
    /// </summary>
    internal static string? DecodeHeaderValue(string value)
    {
        var text = value.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            var unquoted = new StringBuilder(text.Length);
            for (var i = 1; i < text.Length - 1; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length - 1)
                {
                    i++;
                }

                unquoted.Append(text[i]);
            }

            text = unquoted.ToString();
        }

        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return null;
                }

                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c > 0x7F)
            {
                return null;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Shorten(string message) => message.Length <= 200 ? message : message[..197] + "...";
}
