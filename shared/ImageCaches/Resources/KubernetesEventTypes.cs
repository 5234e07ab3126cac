namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>The two Event types Kubernetes knows.</summary>
public static class KubernetesEventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
