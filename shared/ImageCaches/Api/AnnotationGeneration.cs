namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>Which generation of ECI's image cache annotations a pod uses.</summary>
public enum AnnotationGeneration
{
    /// <summary>No image cache annotation.</summary>
    None,

    /// <summary>The ImageCache documentation's: eci-image-snapshot-id, eci-image-cache.</summary>
    Documentation,

    /// <summary>The current ECI documentation's: eci-imc-id, eci-auto-imc.</summary>
    Current,

    /// <summary>Annotations of both generations.</summary>
    Both,
}
