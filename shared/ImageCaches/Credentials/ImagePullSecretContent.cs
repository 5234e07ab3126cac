namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// What an image pull secret yielded: its docker config, or the problem that stopped it
/// (exactly one of the two is set).
/// </summary>
public sealed record ImagePullSecretContent(string Secret, DockerConfig? Config, ImagePullSecretProblem? Problem)
{
    public const string DockerConfigJsonType = "kubernetes.io/dockerconfigjson";
    public const string DockerConfigJsonKey = ".dockerconfigjson";
    public const string DockerCfgType = "kubernetes.io/dockercfg";
    public const string DockerCfgKey = ".dockercfg";

    public static ImagePullSecretContent Failed(string secret, ImagePullSecretProblemKind kind, string message) =>
        new(secret, null, new ImagePullSecretProblem(kind, secret, null, message));

    /// <summary>
    /// Reads a Secret's type and (already base64-decoded) data as the kubelet does: only the two
    /// docker config types count, each with its own data key.
    /// </summary>
    public static ImagePullSecretContent Decode(string secret, string? type, IDictionary<string, byte[]>? data)
    {
        ArgumentNullException.ThrowIfNull(secret);
        (DockerConfigFormat format, string key) = type switch
        {
            DockerConfigJsonType => (DockerConfigFormat.DockerConfigJson, DockerConfigJsonKey),
            DockerCfgType => (DockerConfigFormat.DockerCfg, DockerCfgKey),
            _ => (default, ""),
        };

        if (key.Length == 0)
        {
            return Failed(secret, ImagePullSecretProblemKind.UnsupportedType,
                $"imagePullSecret {secret} has type '{type ?? "(none)"}'; an image pull secret must be of type {DockerConfigJsonType} or {DockerCfgType}");
        }

        if (data is null || !data.TryGetValue(key, out var bytes) || bytes is null || bytes.Length == 0)
        {
            return Failed(secret, ImagePullSecretProblemKind.Malformed, $"imagePullSecret {secret} has no '{key}' data");
        }

        return DockerConfig.TryParse(format, bytes, out var config, out var error)
            ? new ImagePullSecretContent(secret, config, null)
            : Failed(secret, ImagePullSecretProblemKind.Malformed, $"imagePullSecret {secret}: '{key}' {error}");
    }
}
