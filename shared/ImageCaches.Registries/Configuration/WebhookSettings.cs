namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>The validated webhook configuration.</summary>
public sealed class WebhookSettings
{
    public WebhookSettings(IEnumerable<WebhookSource> sources, long maxBodyBytes = WebhookOptions.DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyBytes, 1);
        var byName = new Dictionary<string, WebhookSource>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            if (!byName.TryAdd(source.Name, source))
            {
                throw new WebhookConfigurationException($"Webhook source '{source.Name}' is defined twice");
            }
        }

        Sources = byName;
        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>Sources by name, case-insensitively.</summary>
    public IReadOnlyDictionary<string, WebhookSource> Sources { get; }

    public long MaxBodyBytes { get; }
}
