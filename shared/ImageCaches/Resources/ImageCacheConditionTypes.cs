namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>Types of the conditions in <c>status.conditions</c> (metav1.Condition, status True/False/Unknown).</summary>
public static class ImageCacheConditionTypes
{
    /// <summary>The ECI cache is Ready and holds the images of the current generation.</summary>
    public const string Ready = "Ready";

    /// <summary>Every secret in spec.imagePullSecrets could be read and used.</summary>
    public const string CredentialsResolved = "CredentialsResolved";

    /// <summary>Whether the images were measured from their registries and the cache is big enough for them (Eci:Sizing).</summary>
    public const string ImagesMeasured = "ImagesMeasured";
}
