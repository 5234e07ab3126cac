namespace ImageCacheFunctions.Eci.Models;

/// <summary>The <c>Status</c> values of an image cache.</summary>
public static class ImageCacheStatus
{
    /// <summary>Accepted, resources being prepared.</summary>
    public const string Preparing = "Preparing";

    /// <summary>Images being pulled into the snapshot.</summary>
    public const string Creating = "Creating";

    /// <summary>Usable by pods.</summary>
    public const string Ready = "Ready";

    /// <summary>Creation failed; ECI keeps it one day.</summary>
    public const string Failed = "Failed";

    /// <summary>Being updated.</summary>
    public const string Updating = "Updating";

    /// <summary>The last update failed; the cache can be updated again.</summary>
    public const string UpdateFailed = "UpdateFailed";

    /// <summary>Whether UpdateImageCache is accepted in <paramref name="status"/> (Ready or UpdateFailed).</summary>
    /// <param name="status">A status value.</param>
    /// <returns>True when an update is allowed.</returns>
    public static bool AllowsUpdate(string? status) => status is Ready or UpdateFailed;
}
