namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// A problem with spec.imagePullSecrets, worded for status and Events: it names the secret
/// (<c>namespace:name</c>) and the registry concerned, never any secret material.
/// </summary>
public sealed record ImagePullSecretProblem(ImagePullSecretProblemKind Kind, string? Secret, string? Registry, string Message)
{
    public override string ToString() => Message;
}
