using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Settings;

/// <summary>
/// The ECI parameters an ImageCache's annotations (and the configured defaults) ask for, in a
/// canonical form (lists comma-joined, in the order written) so that two readings compare equal
/// when they mean the same. Kept in <c>status.settings</c> as what the current cache was built
/// with, so a later annotation change is seen and applied.
/// </summary>
public sealed record CacheSettings
{
    /// <summary>vSwitch IDs, comma-separated (<c>VSwitchId</c>); several = several zones.</summary>
    [JsonPropertyName("vSwitchIds")]
    public string? VSwitchIds { get; init; }

    [JsonPropertyName("securityGroupId")]
    public string? SecurityGroupId { get; init; }

    [JsonPropertyName("resourceGroupId")]
    public string? ResourceGroupId { get; init; }

    [JsonPropertyName("eipInstanceId")]
    public string? EipInstanceId { get; init; }

    /// <summary><c>AutoMatchImageCache</c> (annotation <c>imc-enable-reuse</c>).</summary>
    [JsonPropertyName("enableReuse")]
    public bool? EnableReuse { get; init; }

    /// <summary><c>Flash</c> (annotation <c>imc-enable-flash</c>).</summary>
    [JsonPropertyName("flash")]
    public bool? Flash { get; init; }

    [JsonPropertyName("flashCopyCount")]
    public int? FlashCopyCount { get; init; }

    [JsonPropertyName("standardCopyCount")]
    public int? StandardCopyCount { get; init; }

    [JsonPropertyName("eliminationStrategy")]
    public string? EliminationStrategy { get; init; }

    /// <summary>ACR Enterprise instances as <c>region:cri-…</c>, comma-separated.</summary>
    [JsonPropertyName("acrInstanceIds")]
    public string? AcrInstanceIds { get; init; }

    [JsonPropertyName("zoneId")]
    public string? ZoneId { get; init; }

    [JsonPropertyName("plainHttpRegistry")]
    public string? PlainHttpRegistry { get; init; }

    [JsonPropertyName("insecureRegistry")]
    public string? InsecureRegistry { get; init; }

    /// <summary><c>amd64</c> or <c>arm64</c>.</summary>
    [JsonPropertyName("cpuArch")]
    public string? CpuArch { get; init; }

    /// <summary><c>linux</c> or <c>windows</c>.</summary>
    [JsonPropertyName("osType")]
    public string? OsType { get; init; }

    [JsonPropertyName("acrServiceArns")]
    public string? AcrServiceArns { get; init; }

    [JsonPropertyName("acrUserArns")]
    public string? AcrUserArns { get; init; }

    /// <summary>The platform the cache is for, as an OCI platform (<c>linux/arm64</c>); <c>linux/amd64</c> by default.</summary>
    [JsonIgnore]
    public string Platform => $"{OsType ?? "linux"}/{CpuArch ?? "amd64"}";

    /// <summary>The ACR instances, parsed.</summary>
    [JsonIgnore]
    public IReadOnlyList<AcrInstance> AcrInstances =>
        Split(AcrInstanceIds).Select(e => e.Split(':', 2) is [var region, var id] ? new AcrInstance(id, region) : new AcrInstance(e, "")).ToList();

    /// <summary>
    /// The part only CreateImageCache takes (UpdateImageCache has no <c>ZoneId</c>,
    /// <c>InsecureRegistry</c>, <c>PlainHttpRegistry</c>, <c>OsType</c>, <c>Annotations</c>, nor
    /// the ACR role ARNs): a change there needs a new cache.
    /// </summary>
    [JsonIgnore]
    public CacheSettings CreateOnly => new()
    {
        ZoneId = ZoneId,
        PlainHttpRegistry = PlainHttpRegistry,
        InsecureRegistry = InsecureRegistry,
        CpuArch = CpuArch,
        OsType = OsType,
        AcrServiceArns = AcrServiceArns,
        AcrUserArns = AcrUserArns,
    };

    /// <summary>Whether going from <paramref name="applied"/> to these settings needs a new cache (create, switch, delete the old).</summary>
    public bool NeedsReplacementOf(CacheSettings applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return CreateOnly != applied.CreateOnly;
    }

    /// <summary>A short stable digest, part of ClientTokens so another setting is another request.</summary>
    public string Fingerprint()
    {
        var text = string.Join('\n', VSwitchIds, SecurityGroupId, ResourceGroupId, EipInstanceId, EnableReuse, Flash, FlashCopyCount, StandardCopyCount,
            EliminationStrategy, AcrInstanceIds, ZoneId, PlainHttpRegistry, InsecureRegistry, CpuArch, OsType, AcrServiceArns, AcrUserArns);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The entries of a comma-separated list.</summary>
    public static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
