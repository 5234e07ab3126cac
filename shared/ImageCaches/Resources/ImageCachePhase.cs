namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// Values of <c>status.phase</c>. The first six are ECI's own image cache Status values
/// (DescribeImageCaches), copied unchanged so that <c>kubectl get ic</c> shows what ECI says.
/// The others are this product's, for states ECI has no word for.
/// </summary>
public static class ImageCachePhase
{
    // ECI's values.
    public const string Preparing = "Preparing";
    public const string Creating = "Creating";
    public const string Ready = "Ready";
    public const string Failed = "Failed";
    public const string Updating = "Updating";
    public const string UpdateFailed = "UpdateFailed";

    // Ours.

    /// <summary>The object exists but no ECI cache has been created for it yet.</summary>
    public const string Pending = "Pending";

    /// <summary>The ECI cache recorded in <c>status.imageCacheId</c> no longer exists in ECI.</summary>
    public const string Missing = "Missing";

    /// <summary>The object is being deleted and its ECI cache is being deleted first.</summary>
    public const string Deleting = "Deleting";

    private static readonly string[] EciValues = [Preparing, Creating, Ready, Failed, Updating, UpdateFailed];

    /// <summary>True for a Status value that ECI itself reports.</summary>
    public static bool IsEciStatus(string? phase) => phase is not null && Array.IndexOf(EciValues, phase) >= 0;

    /// <summary>ECI accepts UpdateImageCache only for a cache in one of these states.</summary>
    public static bool AllowsUpdate(string? phase) => phase is Ready or UpdateFailed;
}
