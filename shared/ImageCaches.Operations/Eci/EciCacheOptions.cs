using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Settings;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// Configuration section <c>Eci</c> (environment <c>Eci__VSwitchId</c>, …): where ECI builds
/// caches and how reconcile paces itself. The same section configures the ECI client
/// (<c>Eci__RegionId</c>, <c>Eci__Endpoint</c>, <c>Eci__AllowInsecureHttp</c>, …).
/// </summary>
public sealed class EciCacheOptions
{
    public const string SectionName = "Eci";

    /// <summary>
    /// vSwitch(es) of the temporary instance that builds a cache (required, <c>vsw-…</c>; several,
    /// comma-separated, for several zones). The default of the <c>k8s.aliyun.com/vswitch-ids</c>
    /// annotation, as eci-profile's vSwitchIds is for the virtual node.
    /// </summary>
    public string? VSwitchId { get; set; }

    /// <summary>The region (the client reads it from the same section); ACR instances named without <c>region:</c> are in it.</summary>
    public string? RegionId { get; set; }

    /// <summary>Security group of that instance (required, <c>sg-…</c>).</summary>
    public string? SecurityGroupId { get; set; }

    /// <summary>Zone of the vSwitch; ECI works it out when empty.</summary>
    public string? ZoneId { get; set; }

    /// <summary>Elastic IP for pulling public images when the vSwitch has no NAT gateway.</summary>
    public string? EipInstanceId { get; set; }

    /// <summary>Resource group of new caches; the account's default when empty.</summary>
    public string? ResourceGroupId { get; set; }

    /// <summary>Let ECI reuse layers of existing caches while building (AutoMatchImageCache); ECI's default when null.</summary>
    public bool? AutoMatchImageCache { get; set; }

    /// <summary>What to do when a cache vanished from ECI: <c>Recreate</c> (default) or <c>ReportOnly</c>.</summary>
    public RecreatePolicy RecreatePolicy { get; set; } = RecreatePolicy.Recreate;

    /// <summary>DescribeImageCaches page size (1..100): a pass makes ⌈caches / PageSize⌉ Describe calls.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Objects reconciled at once, which bounds concurrent ECI calls (1..64).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How long a pass may start new work; objects not reached are reported as left over for the
    /// next pass. Keep it below the function's exec_timeout (120 s in stack.yml).
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Measuring images before a create, and the size policy (section <c>Eci:Sizing</c>).</summary>
    public CacheSizingOptions Sizing { get; set; } = new();

    /// <summary>How many of ECI's events status.events keeps (the newest).</summary>
    public int MaxStatusEvents { get; set; } = 50;

    /// <summary>The planning settings these options imply.</summary>
    public ReconcileSettings ToReconcileSettings() => new(RecreatePolicy, MaxStatusEvents, ToSettingDefaults());

    /// <summary>What an ImageCache without annotations gets.</summary>
    public CacheSettingDefaults ToSettingDefaults() => new()
    {
        RegionId = RegionId,
        VSwitchIds = VSwitchId,
        SecurityGroupId = SecurityGroupId,
        ResourceGroupId = ResourceGroupId,
        ZoneId = ZoneId,
        EipInstanceId = EipInstanceId,
        AutoMatchImageCache = AutoMatchImageCache,
    };
}
