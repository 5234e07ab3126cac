namespace ImageCacheFunctions.ImageCaches.Settings;

/// <summary>
/// What an ImageCache without annotations gets: the functions' configuration, the way the
/// virtual node's <c>eci-profile</c> supplies vSwitch, security group and resource group.
/// </summary>
public sealed record CacheSettingDefaults
{
    /// <summary>No defaults (admission checks only the annotations' formats).</summary>
    public static CacheSettingDefaults None { get; } = new();

    /// <summary>The functions' region: an ACR instance id without <c>region:</c> is in it.</summary>
    public string? RegionId { get; init; }

    /// <summary>vSwitch IDs, comma-separated.</summary>
    public string? VSwitchIds { get; init; }

    public string? SecurityGroupId { get; init; }

    public string? ResourceGroupId { get; init; }

    public string? ZoneId { get; init; }

    public string? EipInstanceId { get; init; }

    public bool? AutoMatchImageCache { get; init; }
}
