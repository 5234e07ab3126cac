namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>Sentences of the ECI ImageCache documentation quoted in warnings and answers.</summary>
public static class DocumentationNotices
{
    /// <summary>The documentation's notice under "Enable automatic image cache match".</summary>
    public const string AnnotationOnPodTemplate =
        "In the YAML file of a deployment, you must add the annotation for a pod. If you add the annotation for the deployment, the annotation does not take effect.";

    /// <summary>The documentation's rule for a named cache ("Specify an image cache").</summary>
    public const string ReadyRequired =
        "You must specify an image cache in the Ready state to accelerate pod creation. Otherwise, the pod fails to be created.";

    /// <summary>The documentation's precedence rule.</summary>
    public const string ExplicitWins =
        "If you add the k8s.aliyun.com/eci-image-snapshot-id and k8s.aliyun.com/eci-image-cache annotations at the same time, the former takes precedence over the latter.";

    /// <summary>The ranking as answered by /match.</summary>
    public const string Ranking =
        "Ready caches holding at least one of the images, ranked by matching degree (more images held first), then image size (larger spec.imageCacheSize first), then creation time (newer first)";
}
