using System.Net;

namespace ImageCacheFunctions.Emulators.Eci;

/// <summary>Settings of an <see cref="EciEmulator"/> (the CLI and the local gateway set these).</summary>
public sealed class EciEmulatorOptions
{
    /// <summary>Address to listen on; loopback only by design.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>Port; 0 picks a free one (read it back from <see cref="EciEmulator.BaseUri"/>).</summary>
    public int Port { get; set; }

    /// <summary>The region new caches belong to when a request names none (requests must name one).</summary>
    public string RegionId { get; set; } = "cn-hangzhou";

    /// <summary>AccessKey pairs accepted; the fixed test pair by default.</summary>
    public IList<EmulatorAccessKey> AccessKeys { get; } = [EmulatorAccessKey.TestKey];

    /// <summary>The clock; a live clock (system time plus advances) when null.</summary>
    public EmulatorClock? Clock { get; set; }

    /// <summary>How long a new cache (or an update) stays in Preparing (Updating).</summary>
    public TimeSpan PreparingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long pulling each image takes.</summary>
    public TimeSpan PullDurationPerImage { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a failed cache is kept (ECI: one day).</summary>
    public TimeSpan FailedRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Accepted difference between a request's timestamp and the clock (ECI: 15 minutes).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Registry hosts that cannot be reached: pulling from them fails.</summary>
    public ISet<string> UnreachableRegistries { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registry hosts that need an ImageRegistryCredential for that server, else the pull fails.</summary>
    public ISet<string> PrivateRegistries { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The only OIDC token the STS stub accepts; any JWT-shaped token when null.</summary>
    public string? AcceptedOidcToken { get; set; }

    /// <summary>DescribeImageCaches page size when Limit is absent.</summary>
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>Largest Limit accepted by DescribeImageCaches.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Image caches a region may hold (0: no limit); at the quota, LRU caches are eliminated.</summary>
    public int ImageCacheQuota { get; set; }

    /// <summary>Seed for IDs and fault dice, for reproducible runs; random when null.</summary>
    public int? Seed { get; set; }

    /// <summary>Write ASP.NET Core logs to the console (off by default to keep test output clean).</summary>
    public bool EnableConsoleLogging { get; set; }
}
