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

    /// <summary>Configured sources that could not be loaded, with the reason (answered 503; the others work).</summary>
    public IReadOnlyList<BrokenSource> Broken { get; init; } = [];

    /// <summary>The files these settings were read from (sources file, secret files): what a reload watches.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The broken source named <paramref name="name"/> (case-insensitively), if any.</summary>
    public BrokenSource? BrokenNamed(string name) =>
        Broken.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A configured source that could not be loaded.</summary>
/// <param name="Name">The source's name as configured.</param>
/// <param name="Type">Its payload format when that much is known (detection uses it to answer 503, not 400).</param>
/// <param name="Reason">Every problem, one clause each; never a secret value.</param>
public sealed record BrokenSource(string Name, WebhookSourceType? Type, string Reason);
