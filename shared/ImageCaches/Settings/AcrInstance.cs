namespace ImageCacheFunctions.ImageCaches.Settings;

/// <summary>An ACR Enterprise Edition instance to pull from without secrets.</summary>
/// <param name="InstanceId">The instance id, <c>cri-…</c>.</param>
/// <param name="RegionId">Its region: the annotation's <c>region:</c> prefix, else the functions' region.</param>
public sealed record AcrInstance(string InstanceId, string RegionId)
{
    /// <summary>The annotation form: <c>region:cri-…</c>.</summary>
    public override string ToString() => RegionId + ":" + InstanceId;
}
