namespace ImageCacheFunctions.ImageCaches.Settings;

/// <summary>A wrong annotation value: the field (<c>metadata.annotations[k8s.aliyun.com/imc-cpu-arch]</c>) and why.</summary>
/// <param name="Annotation">The annotation's name.</param>
/// <param name="Message">What is wrong, with the accepted format.</param>
public sealed record AnnotationProblem(string Annotation, string Message)
{
    /// <summary>The field path admission answers name.</summary>
    public string Field => $"metadata.annotations[{Annotation}]";

    public override string ToString() => $"{Field}: {Message}";
}
