namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>A validated source: a sender the webhook accepts, with its secret loaded.</summary>
public sealed record WebhookSource
{
    /// <summary>Alibaba ACR's push times have no zone; the console shows China Standard Time.</summary>
    public static readonly TimeSpan DefaultTimestampOffset = TimeSpan.FromHours(8);

    public required string Name { get; init; }

    public required WebhookSourceType Type { get; init; }

    public required SourceAuthentication Authentication { get; init; }

    /// <summary>Registry host that replaces the payload's (see <see cref="WebhookSourceOptions.Registry"/>).</summary>
    public string? Registry { get; init; }

    /// <summary>Hosts that serve the same repositories (see <see cref="WebhookSourceOptions.Aliases"/>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>JFrog repository key → the <c>host/path</c> prefixes users pull it from (keys compared case-insensitively).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RepositoryKeys { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public int? AllowedRate { get; init; }

    public IReadOnlyList<string> EventGridTopics { get; init; } = [];

    public IReadOnlyList<string> EventGridSubscriptionIds { get; init; } = [];

    public TimeSpan TimestampOffset { get; init; } = DefaultTimestampOffset;

    public JfrogRepositoryLayout RepositoryLayout { get; init; } = JfrogRepositoryLayout.RepositoryPath;

    /// <summary>True when the CloudEvents OPTIONS handshake may grant <paramref name="origin"/>.</summary>
    public bool AllowsOrigin(string origin) =>
        AllowedOrigins.Any(allowed => allowed == "*" || string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase));
}
