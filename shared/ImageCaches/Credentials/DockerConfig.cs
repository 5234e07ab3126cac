using System.Text;
using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// The registry entries of a docker config file (the content of an image pull secret).
/// Each entry gives credentials as <c>auth</c> (base64 of <c>user:password</c>, which wins, as
/// in the Docker CLI and the kubelet) or as <c>username</c> and <c>password</c>.
/// </summary>
public sealed class DockerConfig
{
    private DockerConfig(IReadOnlyList<DockerConfigEntry> entries, IReadOnlyList<DockerConfigInvalidEntry> invalidEntries)
    {
        Entries = entries;
        InvalidEntries = invalidEntries;
    }

    public IReadOnlyList<DockerConfigEntry> Entries { get; }

    public IReadOnlyList<DockerConfigInvalidEntry> InvalidEntries { get; }

    /// <summary>
    /// Parses the JSON of a docker config. False with <paramref name="error"/> when the document
    /// itself is unusable; a single bad entry only lands in <see cref="InvalidEntries"/>.
    /// The error never contains secret material.
    /// </summary>
    public static bool TryParse(DockerConfigFormat format, ReadOnlySpan<byte> json, out DockerConfig? config, out string? error)
    {
        config = null;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            error = "is not valid JSON";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "is not a JSON object";
                return false;
            }

            JsonElement auths;
            if (format == DockerConfigFormat.DockerConfigJson)
            {
                if (!root.TryGetProperty("auths", out auths) || auths.ValueKind != JsonValueKind.Object)
                {
                    error = "has no \"auths\" object";
                    return false;
                }
            }
            else
            {
                auths = root;
            }

            var entries = new List<DockerConfigEntry>();
            var invalid = new List<DockerConfigInvalidEntry>();
            foreach (var property in auths.EnumerateObject())
            {
                var target = RegistryAuthKey.Parse(property.Name);
                if (target is null)
                {
                    invalid.Add(new DockerConfigInvalidEntry(property.Name, null, "its key names no registry host"));
                }
                else if (TryReadCredentials(property.Value, out var user, out var password, out var reason))
                {
                    entries.Add(new DockerConfigEntry(property.Name, target, user!, password!));
                }
                else
                {
                    invalid.Add(new DockerConfigInvalidEntry(property.Name, target, reason!));
                }
            }

            error = null;
            config = new DockerConfig(entries, invalid);
            return true;
        }
    }

    private static bool TryReadCredentials(JsonElement entry, out string? user, out string? password, out string? reason)
    {
        user = null;
        password = null;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            reason = "the entry is not an object";
            return false;
        }

        var auth = ReadString(entry, "auth");
        if (!string.IsNullOrEmpty(auth))
        {
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(auth);
            }
            catch (FormatException)
            {
                reason = "\"auth\" is not base64";
                return false;
            }

            var text = Encoding.UTF8.GetString(decoded);
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                reason = "\"auth\" does not decode to user:password";
                return false;
            }

            user = text[..colon];
            password = text[(colon + 1)..];
            reason = null;
            return true;
        }

        user = ReadString(entry, "username");
        password = ReadString(entry, "password");
        if (!string.IsNullOrEmpty(user) && password is not null)
        {
            reason = null;
            return true;
        }

        // identitytoken/registrytoken are OAuth tokens for the Docker CLI; ECI takes user+password only.
        reason = ReadString(entry, "identitytoken") is not null || ReadString(entry, "registrytoken") is not null
            ? "it holds only a token; ECI needs a user name and password"
            : "it has neither \"auth\" nor \"username\" and \"password\"";
        user = null;
        password = null;
        return false;
    }

    private static string? ReadString(JsonElement entry, string name)
    {
        foreach (var property in entry.EnumerateObject())
        {
            // Docker writes lower-case keys, but some tools capitalise them; accept both.
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
